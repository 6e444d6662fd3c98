package io.sfc.metastore.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The metastore contract on an in-memory H2 database. */
class H2MetastoreTest extends JdbcMetastoreContractTest {

  @Override
  String url() {
    return "jdbc:h2:mem:sfc_contract;DB_CLOSE_DELAY=-1";
  }

  @Override
  String user() {
    return "sa";
  }

  @Override
  String password() {
    return "";
  }

  @Override
  String closedPortUrl() {
    return "jdbc:h2:tcp://127.0.0.1:1/mem:none";
  }

  @Override
  String createFreshDatabase() {
    return "jdbc:h2:mem:mig_"
        + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1";
  }

  @Override
  void dropDatabase(String url) throws SQLException {
    try (Connection c = rawConnection(url);
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  @Override
  String expectedDescription() {
    return "h2 mem:sfc_contract";
  }

  @Override
  String urlThroughPort(int port) {
    return null;
  }

  @Override
  Integer serverPort() {
    return null;
  }
}
