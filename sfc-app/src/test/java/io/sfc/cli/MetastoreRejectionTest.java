package io.sfc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sfc.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Real MariaDB (127.0.0.1:3306, root) and PostgreSQL (127.0.0.1:5432, postgres, trust): a wrong
 * password, an unknown database and missing privileges each give their own message in {@code
 * check-config --connect}, {@code status} and {@code start}'s log. PostgreSQL trusts loopback, so a
 * wrong password cannot be produced there.
 */
class MetastoreRejectionTest {
  private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String PG_ROLE = "sfc_rej_ro";

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void createUsers() throws SQLException {
    maria("CREATE DATABASE IF NOT EXISTS " + TestDatabase.NAME);
    maria("DROP USER IF EXISTS 'sfc_rej_pw'@'%', 'sfc_rej_ro'@'%', 'sfc_rej_doc'@'%'");
    maria("CREATE USER 'sfc_rej_pw'@'%' IDENTIFIED BY 'right-password'");
    maria("GRANT ALL ON " + TestDatabase.NAME + ".* TO 'sfc_rej_pw'@'%'");
    maria("CREATE USER 'sfc_rej_ro'@'%' IDENTIFIED BY 'ro-password'");
    maria("GRANT SELECT ON " + TestDatabase.NAME + ".* TO 'sfc_rej_ro'@'%'");
    pg("DROP ROLE IF EXISTS " + PG_ROLE);
    pg("DROP DATABASE IF EXISTS sfc_rej_doc");
    pg("DROP ROLE IF EXISTS sfc_rej_doc");
    pg("CREATE ROLE " + PG_ROLE + " LOGIN");
  }

  @AfterAll
  static void dropUsers() throws SQLException {
    maria("DROP USER IF EXISTS 'sfc_rej_pw'@'%', 'sfc_rej_ro'@'%'");
    pg("DROP ROLE IF EXISTS " + PG_ROLE);
  }

  @Test
  void mariaDbWrongPassword() throws Exception {
    Path cfg = config(MARIADB + TestDatabase.NAME, "sfc_rej_pw", "wrong-password");
    assertRejected(cfg, "authentication failed (wrong user or password)");
  }

  @Test
  void mariaDbUnknownDatabase() throws Exception {
    Path cfg = config(MARIADB + "sfc_no_such_db", "root", "");
    assertRejected(cfg, "the database does not exist");
  }

  @Test
  void mariaDbMissingPrivileges() throws Exception {
    Path cfg = config(MARIADB + TestDatabase.NAME, "sfc_rej_ro", "ro-password");
    assertRejected(cfg, "the user lacks privileges");
  }

  @Test
  void postgresUnknownDatabase() throws Exception {
    Path cfg = config(POSTGRES + "sfc_no_such_db", "postgres", "");
    assertRejected(cfg, "the database does not exist");
  }

  @Test
  void postgresMissingPrivileges() throws Exception {
    Path cfg = config(POSTGRES + TestDatabase.NAME, PG_ROLE, "");
    assertRejected(cfg, "the user lacks privileges");
  }

  /** A database upgraded by a newer sfc: status and check-config --connect exit 4 with the fix. */
  @Test
  void schemaOfANewerSfcIsRejected() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("meta") + ";AUTO_SERVER=TRUE";
    Path cfg = config(url, "sa", "");
    assertThat(run("check-config", "--connect", "--config", cfg.toString())).isZero();
    execute(url, "sa", "INSERT INTO sfc_schema (version, applied_at) VALUES (99, 0)");
    assertRejected(
        cfg,
        "schema version 99 was created by a newer sfc (this one knows up to 2); upgrade this"
            + " controller");
  }

  @Test
  void checkConfigConnectSucceedsWithRightCredentials() throws Exception {
    Path cfg = config(MARIADB + TestDatabase.NAME, "sfc_rej_pw", "right-password");
    assertThat(run("check-config", "--connect", "--config", cfg.toString())).isZero();
    assertThat(out.toString()).contains("connected  mariadb 127.0.0.1:3306/" + TestDatabase.NAME);
  }

  /** The grants of docs/metastore-setup.md suffice: sfc creates its tables on a fresh database. */
  @Test
  void documentedGrantsSuffice() throws Exception {
    maria("DROP DATABASE IF EXISTS sfc_rej_doc");
    maria("CREATE DATABASE sfc_rej_doc CHARACTER SET utf8mb4");
    maria("CREATE USER 'sfc_rej_doc'@'%' IDENTIFIED BY 'doc-password'");
    try {
      maria(
          "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, INDEX ON sfc_rej_doc.* TO 'sfc_rej_doc'@'%'");
      Path cfg = config(MARIADB + "sfc_rej_doc", "sfc_rej_doc", "doc-password");
      assertThat(run("check-config", "--connect", "--config", cfg.toString())).isZero();
      pg("CREATE ROLE sfc_rej_doc LOGIN");
      pg("CREATE DATABASE sfc_rej_doc OWNER sfc_rej_doc");
      cfg = config(POSTGRES + "sfc_rej_doc", "sfc_rej_doc", "");
      assertThat(run("check-config", "--connect", "--config", cfg.toString()))
          .as(err.toString())
          .isZero();
    } finally {
      maria("DROP USER IF EXISTS 'sfc_rej_doc'@'%'");
      maria("DROP DATABASE IF EXISTS sfc_rej_doc");
      pg("DROP DATABASE IF EXISTS sfc_rej_doc");
      pg("DROP ROLE IF EXISTS sfc_rej_doc");
    }
  }

  @Test
  void startLogsTheRejectionAsOneErrorAndKeepsRetrying() throws Exception {
    Path cfg = config(MARIADB + TestDatabase.NAME, "sfc_rej_pw", "wrong-password");
    Logger log = (Logger) LoggerFactory.getLogger(StartCommand.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    log.addAppender(logged);
    Thread start = new Thread(() -> run("start", "--config", cfg.toString(), "--node", "n1"));
    try {
      start.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !logged.list.isEmpty() || !start.isAlive());
      assertThat(start.isAlive()).as("start keeps retrying").isTrue();
      ILoggingEvent e = logged.list.get(0);
      assertThat(e.getLevel().toString()).isEqualTo("ERROR");
      assertThat(e.getFormattedMessage())
          .contains("metastore rejected")
          .contains("authentication failed (wrong user or password)")
          .contains("check metastore.user and metastore.password")
          .doesNotContain("wrong-password");
    } finally {
      start.interrupt();
      start.join(10_000);
      log.detachAppender(logged);
    }
  }

  /**
   * While {@code start} waits for a metastore that rejects it, the API port answers {@code /health}
   * and {@code /active} 503 with the cause; once the password is fixed in the database the real
   * controller takes the port over without a restart of sfc.
   */
  @Test
  void healthAnswers503WithTheCauseWhileStartWaitsThenTheControllerTakesOver() throws Exception {
    maria("DROP USER IF EXISTS 'sfc_rej_fix'@'%'");
    maria("CREATE USER 'sfc_rej_fix'@'%' IDENTIFIED BY 'not-yet-the-password'");
    maria("GRANT ALL ON " + TestDatabase.NAME + ".* TO 'sfc_rej_fix'@'%'");
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path cfg =
        Files.writeString(
            dir.resolve("fix.yaml"),
            String.join(
                "\n",
                "cluster: rej-fix",
                "node: n1",
                "nodes: [{id: n1, host: 127.0.0.1, api_port: " + port + "}]",
                "metastore: {type: jdbc, url: '"
                    + MARIADB
                    + TestDatabase.NAME
                    + "', user: sfc_rej_fix,"
                    + " password: configured-password}",
                "services: [{name: s, command: [sleep, '600']}]",
                ""));
    Process start = startProcess(cfg);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> get(port, "/health").startsWith("503"));
      assertThat(get(port, "/health"))
          .contains("metastore rejected")
          .contains("authentication failed (wrong user or password)")
          .doesNotContain("configured-password");
      assertThat(get(port, "/active?service=s")).startsWith("503");
      maria("ALTER USER 'sfc_rej_fix'@'%' IDENTIFIED BY 'configured-password'");
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> get(port, "/health").startsWith("200"));
    } finally {
      start.destroy();
      start.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
      start.destroyForcibly();
      maria("DROP USER IF EXISTS 'sfc_rej_fix'@'%'");
    }
  }

  private Process startProcess(Path cfg) throws java.io.IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "io.sfc.cli.Main",
            "start",
            "--config",
            cfg.toString(),
            "--log-dir",
            dir.resolve("logs").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("start.log").toFile())
        .start();
  }

  /** {@code "<status> <body>"} of a GET. */
  private static String get(int port, String path) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var req =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(2))
            .build();
    var r = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  private void assertRejected(Path cfg, String cause) {
    assertThat(run("check-config", "--connect", "--config", cfg.toString()))
        .isEqualTo(ExitCodes.METASTORE);
    assertThat(err.toString()).contains("metastore rejected: ").contains(cause);
    err.getBuffer().setLength(0);
    assertThat(run("status", "--config", cfg.toString())).isEqualTo(ExitCodes.METASTORE);
    assertThat(err.toString()).contains("metastore rejected: ").contains(cause);
  }

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private Path config(String url, String user, String password) throws Exception {
    return Files.writeString(
        dir.resolve("sfc.yaml"),
        String.join(
            "\n",
            "cluster: rej",
            "nodes: [{id: n1, host: 127.0.0.1}]",
            "metastore: {type: jdbc, url: '"
                + url
                + "', user: "
                + user
                + ", password: '"
                + password
                + "'}",
            "services: [{name: s, command: [/bin/true]}]",
            "api: {enabled: false}",
            ""));
  }

  private static void maria(String sql) throws SQLException {
    execute(MARIADB, "root", sql);
  }

  private static void pg(String sql) throws SQLException {
    execute(POSTGRES + TestDatabase.NAME, "postgres", sql);
  }

  private static void execute(String url, String user, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
