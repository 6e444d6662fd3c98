package io.sfc.it;

/**
 * The multi-process scenarios on the real PostgreSQL server (127.0.0.1:5432, database sfc_test).
 */
class PostgresClusterIT extends JdbcClusterIT {
  @Override
  String url() {
    return "jdbc:postgresql://127.0.0.1:5432/sfc_test";
  }

  @Override
  String user() {
    return "postgres";
  }

  @Override
  String password() {
    return "";
  }
}
