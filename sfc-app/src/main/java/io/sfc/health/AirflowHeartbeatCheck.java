package io.sfc.health;

import io.sfc.core.port.HealthCheck;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Reads the Airflow metadata database: the newest {@code latest_heartbeat} of a running {@code
 * SchedulerJob} on this host, in Airflow's {@code job} table, must be younger than {@code maxAge}.
 * The age is computed by the database on its own clock (no comparison of this host's clock with a
 * time another process wrote). Works on MySQL/MariaDB and PostgreSQL.
 */
public final class AirflowHeartbeatCheck implements HealthCheck {

  /**
   * @param jdbcUrl the Airflow database ({@code jdbc:mariadb:}, {@code jdbc:mysql:} or {@code
   *     jdbc:postgresql:})
   * @param user database user, or null
   * @param password database password, or null
   * @param hostname the {@code hostname} Airflow records for this node's scheduler, or null for
   *     this machine's canonical host name (filled in by {@link HealthChecks#of})
   * @param maxAge a heartbeat older than this is a failure
   * @param timeout login and query timeout
   */
  public record Settings(
      String jdbcUrl,
      String user,
      String password,
      String hostname,
      Duration maxAge,
      Duration timeout)
      implements CheckSettings {
    /** The same settings for another host name. */
    public Settings withHostname(String name) {
      return new Settings(jdbcUrl, user, password, name, maxAge, timeout);
    }

    @Override
    public String toString() {
      return "AirflowHeartbeatCheck.Settings[" + hostname + ", maxAge=" + maxAge + "]";
    }
  }

  private static final String WHERE =
      " FROM job WHERE job_type = 'SchedulerJob' AND state = 'running' AND hostname = ?";

  private final Settings settings;
  private final String sql;

  public AirflowHeartbeatCheck(Settings settings) {
    this.settings = settings;
    this.sql = ageQuery(settings.jdbcUrl());
  }

  /** The query giving the age in milliseconds of the newest heartbeat, on the database's clock. */
  static String ageQuery(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return "SELECT CAST(EXTRACT(EPOCH FROM (now() - MAX(latest_heartbeat))) * 1000 AS BIGINT)"
          + WHERE;
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return "SELECT TIMESTAMPDIFF(MICROSECOND, MAX(latest_heartbeat), NOW(6)) DIV 1000" + WHERE;
    }
    throw new IllegalArgumentException("airflow-heartbeat supports MySQL, MariaDB and PostgreSQL");
  }

  @Override
  public Result check() throws SQLException {
    int seconds = (int) Math.max(1, settings.timeout().toSeconds());
    DriverManager.setLoginTimeout(seconds);
    try (Connection c =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setQueryTimeout(seconds);
      ps.setString(1, settings.hostname());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long ageMs = rs.getLong(1);
        if (rs.wasNull()) {
          return Result.unhealthy(
              "no running SchedulerJob for host " + settings.hostname() + " in the job table");
        }
        String detail = "scheduler heartbeat " + ageMs + " ms old";
        return ageMs < settings.maxAge().toMillis()
            ? Result.healthy(detail)
            : Result.unhealthy(detail + " (limit " + settings.maxAge().toMillis() + " ms)");
      }
    }
  }
}
