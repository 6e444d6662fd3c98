package io.sfc.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.port.HealthCheck.Result;
import io.sfc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The airflow-heartbeat check on real MariaDB and PostgreSQL servers, against a table shaped like
 * Airflow's {@code job} table (created by the test in database sfc_test).
 */
class AirflowHeartbeatCheckTest {

  static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
  static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

  static String user(String url) {
    return url.startsWith(MARIADB) ? "root" : "postgres";
  }

  static void exec(String url, String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user(url), "");
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  static String prepare(String server) throws SQLException {
    if (server.equals(MARIADB)) {
      exec(MARIADB, "CREATE DATABASE IF NOT EXISTS " + TestDatabase.NAME);
      String url = MARIADB + TestDatabase.NAME;
      exec(
          url,
          "DROP TABLE IF EXISTS job",
          "CREATE TABLE job (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, dag_id VARCHAR(250),"
              + " state VARCHAR(20), job_type VARCHAR(30), start_date TIMESTAMP(6) NULL,"
              + " end_date TIMESTAMP(6) NULL, latest_heartbeat TIMESTAMP(6) NULL,"
              + " executor_class VARCHAR(500), hostname VARCHAR(500), unixname VARCHAR(1000))");
      return url;
    }
    try {
      exec(POSTGRES + "postgres", "CREATE DATABASE " + TestDatabase.NAME);
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) {
        throw e;
      }
    }
    String url = POSTGRES + TestDatabase.NAME;
    exec(
        url,
        "DROP TABLE IF EXISTS job",
        "CREATE TABLE job (id SERIAL PRIMARY KEY, dag_id VARCHAR(250), state VARCHAR(20),"
            + " job_type VARCHAR(30), start_date TIMESTAMP WITH TIME ZONE,"
            + " end_date TIMESTAMP WITH TIME ZONE, latest_heartbeat TIMESTAMP WITH TIME ZONE,"
            + " executor_class VARCHAR(500), hostname VARCHAR(500), unixname VARCHAR(1000))");
    return url;
  }

  /** SQL for "now minus n seconds" on each database's own clock. */
  static String ago(String url, int seconds) {
    return url.startsWith(MARIADB)
        ? "NOW(6) - INTERVAL " + seconds + " SECOND"
        : "now() - INTERVAL '" + seconds + " seconds'";
  }

  static void job(String url, String state, String type, String host, int ageSeconds)
      throws SQLException {
    exec(
        url,
        "INSERT INTO job (state, job_type, hostname, unixname, latest_heartbeat, start_date)"
            + " VALUES ('"
            + state
            + "', '"
            + type
            + "', '"
            + host
            + "', 'airflow', "
            + ago(url, ageSeconds)
            + ", "
            + ago(url, 3600)
            + ")");
  }

  static Result check(String url, String host) throws SQLException {
    return new AirflowHeartbeatCheck(
            new AirflowHeartbeatCheck.Settings(
                url, user(url), "", host, Duration.ofSeconds(30), Duration.ofSeconds(5)))
        .check();
  }

  @ParameterizedTest
  @ValueSource(strings = {MARIADB, POSTGRES})
  void youngHeartbeatOfTheRunningSchedulerOnThisHostIsHealthy(String server) throws Exception {
    String url = prepare(server);
    job(url, "running", "SchedulerJob", "master-1", 5);
    job(url, "running", "SchedulerJob", "master-2", 600);
    job(url, "success", "SchedulerJob", "master-1", 1);
    job(url, "running", "LocalTaskJob", "master-1", 1);

    Result r = check(url, "master-1");

    assertThat(r.healthy()).as(r.detail()).isTrue();
    assertThat(r.detail()).matches("scheduler heartbeat \\d+ ms old");
    long age = Long.parseLong(r.detail().replaceAll("\\D", ""));
    assertThat(age).isBetween(4_000L, 15_000L);
  }

  @ParameterizedTest
  @ValueSource(strings = {MARIADB, POSTGRES})
  void staleHeartbeatIsUnhealthy(String server) throws Exception {
    String url = prepare(server);
    job(url, "running", "SchedulerJob", "master-2", 600);
    job(url, "running", "SchedulerJob", "master-1", 120);

    Result r = check(url, "master-1");

    assertThat(r.healthy()).isFalse();
    assertThat(r.detail()).matches("scheduler heartbeat 1\\d{5} ms old \\(limit 30000 ms\\)");
  }

  @ParameterizedTest
  @ValueSource(strings = {MARIADB, POSTGRES})
  void noRunningSchedulerOnThisHostIsUnhealthy(String server) throws Exception {
    String url = prepare(server);
    job(url, "running", "SchedulerJob", "master-2", 1);

    assertThat(check(url, "master-1"))
        .isEqualTo(Result.unhealthy("no running SchedulerJob for host master-1 in the job table"));
  }
}
