package io.sfc.doctor;

import io.sfc.config.SfcConfig;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.config.MetastoreConfig;
import io.sfc.metastore.factory.Metastores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Properties;

/**
 * Compares the metastore's clock with this node's. sfc's leases are judged on the metastore's clock
 * alone, so an offset does not break the lease; it does mislead every comparison of a time written
 * by one machine with another's clock (Airflow's own scheduler heartbeat in the web UI and the
 * airflow-heartbeat health check, log correlation).
 */
public final class MetastoreClock {
  static final String CHECK = "metastore clock";

  private final Clock local;
  private final Duration max;
  private final Duration timeout;

  /**
   * @param local this node's clock
   * @param max the largest acceptable offset
   * @param timeout how long connecting and reading may take
   */
  public MetastoreClock(Clock local, Duration max, Duration timeout) {
    this.local = local;
    this.max = max;
    this.timeout = timeout;
  }

  /** Reads the metastore's clock and judges the offset. */
  public Finding check(SfcConfig config) {
    MetastoreConfig m = config.metastore();
    return switch (m.kind()) {
      case JDBC -> jdbc(m);
      case ZOOKEEPER -> zookeeper(config);
      case ETCD ->
          Finding.warn(
              CHECK,
              "etcd",
              "etcd has no clock to compare: its leases count down on each member's monotonic"
                  + " timer, and it exposes no wall-clock time",
              "nothing to fix in etcd; keep NTP running on the masters and compare them with"
                  + " --node-url");
    };
  }

  private Finding jdbc(MetastoreConfig m) {
    String url = m.jdbcUrl();
    String subject = url.replaceAll("[?;].*$", "");
    if (url.startsWith("jdbc:h2:")
        && !url.startsWith("jdbc:h2:tcp:")
        && !url.startsWith("jdbc:h2:ssl:")) {
      return Finding.pass(CHECK, subject, "embedded H2 runs in this process, on this node's clock");
    }
    Properties p = new Properties();
    if (m.user() != null) {
      p.setProperty("user", m.user());
    }
    if (m.password() != null) {
      p.setProperty("password", m.password());
    }
    int seconds = (int) Math.max(1, timeout.toSeconds());
    DriverManager.setLoginTimeout(seconds);
    try (Connection c = DriverManager.getConnection(url, p);
        Statement st = c.createStatement()) {
      st.setQueryTimeout(seconds);
      Instant before = local.instant();
      Instant remote = now(st, url);
      Instant after = local.instant();
      ClockOffset o = ClockOffset.measure(before, remote, after, Duration.ZERO);
      return o.judge(CHECK, subject, max, "database clock vs this node:");
    } catch (SQLException e) {
      return unreachable(subject, e.getMessage());
    }
  }

  /**
   * The database's current instant. MySQL/MariaDB: {@code CURRENT_TIMESTAMP} is a local time in the
   * session's time zone, so it is converted back with {@code UNIX_TIMESTAMP}; PostgreSQL: {@code
   * CURRENT_TIMESTAMP} is a {@code timestamptz}, whose epoch does not depend on the session's time
   * zone; H2: a {@code TIMESTAMP WITH TIME ZONE}.
   */
  static Instant now(Statement st, String url) throws SQLException {
    if (url.startsWith("jdbc:postgresql:")) {
      return epochMillis(st, "SELECT CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)");
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return epochMillis(st, "SELECT CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED)");
    }
    try (ResultSet rs = st.executeQuery("SELECT CURRENT_TIMESTAMP")) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  private static Instant epochMillis(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return Instant.ofEpochMilli(rs.getLong(1));
    }
  }

  private Finding zookeeper(SfcConfig config) {
    String subject = "zookeeper " + config.metastore().hosts();
    try (Metastore ms = Metastores.open(config, timeout)) {
      Instant before = local.instant();
      Instant remote = Instant.ofEpochMilli(ms.clockMillis().orElseThrow());
      Instant after = local.instant();
      ClockOffset o = ClockOffset.measure(before, remote, after, Duration.ZERO);
      return o.judge(CHECK, subject, max, "ZooKeeper leader's clock (znode mtime) vs this node:");
    } catch (MetastoreException e) {
      return unreachable(subject, e.getMessage());
    }
  }

  private static Finding unreachable(String subject, String message) {
    return Finding.fail(
        CHECK,
        subject,
        "metastore unreachable: " + message,
        "check the metastore address and credentials in the configuration, that it runs, and"
            + " that this node can reach it");
  }
}
