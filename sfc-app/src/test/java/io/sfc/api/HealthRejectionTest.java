package io.sfc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sfc.config.ConfigLoader;
import io.sfc.daemon.Daemon;
import io.sfc.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running controller on real MariaDB (127.0.0.1:3306, root) whose metastore starts rejecting it
 * (the password of its DB user is changed, its pooled connections killed): {@code /health} turns
 * 503 naming the cause and the fix, and 200 again once the password is restored.
 */
class HealthRejectionTest {
  private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
  private static final String USER = "sfc_health_rej";
  private static final String PASSWORD = "health-rej-password";

  @TempDir Path dir;
  Daemon daemon;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void createUser() throws SQLException {
    maria("CREATE DATABASE IF NOT EXISTS " + TestDatabase.NAME);
    maria("DROP USER IF EXISTS '" + USER + "'@'%'");
    maria("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
    maria("GRANT ALL ON " + TestDatabase.NAME + ".* TO '" + USER + "'@'%'");
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.stop();
      daemon.close();
    }
    maria("DROP USER IF EXISTS '" + USER + "'@'%'");
  }

  @Test
  void healthAnswers503WithTheCauseWhileTheMetastoreRejectsTheRunningController() throws Exception {
    start();
    await().atMost(Duration.ofSeconds(10)).until(() -> get("/health").statusCode() == 200);

    password("changed-by-the-dba");
    killConnections();
    await()
        .atMost(Duration.ofSeconds(8))
        .untilAsserted(
            () -> {
              HttpResponse<String> r = get("/health");
              assertThat(r.statusCode()).isEqualTo(503);
              assertThat(r.body())
                  .contains("\"status\":\"metastore rejected\"")
                  .contains("metastore rejected: ")
                  .contains("authentication failed (wrong user or password)")
                  .contains("check metastore.user and metastore.password")
                  .doesNotContain(PASSWORD);
            });

    password(PASSWORD);
    await()
        .atMost(Duration.ofSeconds(8))
        .untilAsserted(
            () -> {
              HttpResponse<String> r = get("/health");
              assertThat(r.statusCode()).isEqualTo(200);
              assertThat(r.body()).contains("\"status\":\"ok\"").doesNotContain("cause");
            });
  }

  private void start() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("sfc.yaml"),
            String.join(
                "\n",
                "cluster: health-rej",
                "node: n1",
                "nodes: [{id: n1, host: 127.0.0.1, api_port: " + DaemonApiTest.freePort() + "}]",
                "metastore: {type: jdbc, url: '"
                    + MARIADB
                    + TestDatabase.NAME
                    + "', user: "
                    + USER
                    + ", password: "
                    + PASSWORD
                    + "}",
                "timings: {lease_ttl: 10s, renew_interval: 500ms, renew_deadline: 6s}",
                "services: [{name: sleeper, command: [sleep, '600']}]",
                ""));
    daemon = Daemon.start(ConfigLoader.load(cfg, Map.of()), dir.resolve("logs"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + daemon.apiPort() + path);
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static void password(String password) throws SQLException {
    maria("ALTER USER '" + USER + "'@'%' IDENTIFIED BY '" + password + "'");
  }

  /** The pool keeps its authenticated connections: end them so that it must log in again. */
  private static void killConnections() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(MARIADB, "root", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id FROM information_schema.processlist WHERE user = '" + USER + "'")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    for (long id : ids) {
      maria("KILL CONNECTION " + id);
    }
  }

  private static void maria(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(MARIADB, "root", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
