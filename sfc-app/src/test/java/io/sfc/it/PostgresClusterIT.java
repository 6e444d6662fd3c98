package io.sfc.it;

import io.sfc.testing.TestDatabase;

/**
 * The multi-process scenarios on the real PostgreSQL server (127.0.0.1:5432, database sfc_test),
 * which every controller reaches through its own proxy.
 */
class PostgresClusterIT extends JdbcClusterIT {
  @Override
  String url() {
    return "jdbc:postgresql://127.0.0.1:5432/" + TestDatabase.NAME;
  }

  @Override
  String user() {
    return "postgres";
  }

  @Override
  String password() {
    return "";
  }

  @Override
  Integer serverPort() {
    return 5432;
  }
}
