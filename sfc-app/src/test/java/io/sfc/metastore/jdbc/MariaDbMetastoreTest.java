package io.sfc.metastore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.port.Metastore;
import io.sfc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The metastore contract on the local MariaDB server (127.0.0.1:3306, user root). */
class MariaDbMetastoreTest extends JdbcMetastoreContractTest {
  private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

  @BeforeAll
  static void createTestDatabase() throws SQLException {
    execute("CREATE DATABASE IF NOT EXISTS " + TestDatabase.NAME);
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER, "root", "");
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
    return "root";
  }

  @Override
  String password() {
    return "";
  }

  @Override
  String closedPortUrl() {
    return "jdbc:mariadb://127.0.0.1:1/" + TestDatabase.NAME + "?password=s3cret-pw";
  }

  @Override
  String createFreshDatabase() throws SQLException {
    String name = "sfc_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    return SERVER + name;
  }

  @Override
  void dropDatabase(String url) throws SQLException {
    execute("DROP DATABASE IF EXISTS " + url.substring(SERVER.length()));
  }

  @Override
  String expectedDescription() {
    return "mariadb 127.0.0.1:3306/" + TestDatabase.NAME;
  }

  @Override
  String urlThroughPort(int port) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + TestDatabase.NAME;
  }

  @Override
  Integer serverPort() {
    return 3306;
  }

  @Test
  void acceptsMysqlScheme() throws Exception {
    String url = "jdbc:mysql://127.0.0.1:3306/" + TestDatabase.NAME + "?useSsl=false";
    try (Metastore m = JdbcMetastore.open(url, "root", "", cluster, Duration.ofSeconds(3))) {
      assertThat(m.describe()).isEqualTo("mysql 127.0.0.1:3306/" + TestDatabase.NAME);
      assertThat(m.leases().tryAcquire("svc", "n1", LONG)).isPresent();
    }
  }

  /**
   * A user with the grants docs/metastore-setup.md gave before issue 16 (no {@code ALTER}) opening
   * a database whose event table lacks the two times: the controller is not refused, and events are
   * stored and read with one time only, as by the release before.
   */
  @Test
  void aUserThatMayNotAlterTablesKeepsOneTimeEvents() throws Exception {
    String fresh = createFreshDatabase();
    String name = fresh.substring(SERVER.length());
    String user = name + "_u";
    try {
      JdbcMetastore.open(fresh, "root", "", "old", Duration.ofSeconds(3)).close();
      execute("ALTER TABLE " + name + ".sfc_event DROP COLUMN occurred_ms");
      execute("ALTER TABLE " + name + ".sfc_event DROP COLUMN delay_ms");
      execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-" + user + "'");
      execute(
          "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, INDEX ON "
              + name
              + ".* TO '"
              + user
              + "'@'%'");

      try (Metastore m =
          JdbcMetastore.open(fresh, user, "pw-" + user, "old", Duration.ofSeconds(3))) {
        m.events()
            .record(
                io.sfc.core.model.Event.of(
                        "n1", "svc", 1, io.sfc.core.model.EventKind.STOPPED, "one time")
                    .dated(java.time.Instant.now().minusSeconds(30), 30_000));
        var e = m.events().recent(1).get(0);
        assertThat(e.reason()).isEqualTo("one time");
        assertThat(e.occurredAt()).isEqualTo(e.at());
      }
      try (Connection c = DriverManager.getConnection(fresh, "root", "")) {
        assertThat(Schema.hasColumn(c, "sfc_event", "occurred_ms")).isFalse();
      }
    } finally {
      execute("DROP USER IF EXISTS '" + user + "'@'%'");
      dropDatabase(fresh);
    }
  }
}
