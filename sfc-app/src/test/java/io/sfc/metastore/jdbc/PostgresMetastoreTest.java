package io.sfc.metastore.jdbc;

import io.sfc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/** The metastore contract on the local PostgreSQL server (127.0.0.1:5432, user postgres). */
class PostgresMetastoreTest extends JdbcMetastoreContractTest {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  @BeforeAll
  static void createTestDatabase() throws SQLException {
    if (!exists(TestDatabase.NAME)) {
      try {
        execute("CREATE DATABASE " + TestDatabase.NAME);
      } catch (SQLException e) {
        if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another test run
          throw e;
        }
      }
    }
  }

  private static boolean exists(String database) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
      return rs.next();
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  String url() {
    return SERVER + TestDatabase.NAME;
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
  String closedPortUrl() {
    return "jdbc:postgresql://127.0.0.1:1/" + TestDatabase.NAME + "?password=s3cret-pw";
  }

  @Override
  String createFreshDatabase() throws SQLException {
    String name = "sfc_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    return SERVER + name;
  }

  @Override
  void dropDatabase(String url) throws SQLException {
    execute("DROP DATABASE IF EXISTS " + url.substring(SERVER.length()) + " WITH (FORCE)");
  }

  @Override
  String expectedDescription() {
    return "postgresql 127.0.0.1:5432/" + TestDatabase.NAME;
  }

  @Override
  String urlThroughPort(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + TestDatabase.NAME;
  }

  @Override
  Integer serverPort() {
    return 5432;
  }
}
