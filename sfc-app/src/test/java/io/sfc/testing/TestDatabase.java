package io.sfc.testing;

/**
 * The name of the database that the tests create and use on the machine's MariaDB and PostgreSQL
 * servers: {@code sfc_test}, or {@code -Dsfc.test.database=NAME} so that two checkouts built on one
 * machine at the same time (or a branch that changes the schema) never share one.
 */
public final class TestDatabase {
  /** The database name, taken once per JVM. */
  public static final String NAME = System.getProperty("sfc.test.database", "sfc_test");

  private TestDatabase() {}
}
