package io.sfc.metastore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.EventRetention;
import java.time.Duration;
import java.util.Objects;

/**
 * The metastore kept in a SQL database: MariaDB or MySQL, PostgreSQL, or H2.
 *
 * <p>All times are judged on the database clock, so the controllers' clocks never meet. The schema
 * is created and upgraded by {@link #open}. Several clusters can share one database: every row is
 * keyed by the cluster name.
 *
 * <p>Each call is bounded by the {@code callTimeout} given to {@link #open}: it limits the wait for
 * a pooled connection, the driver's connect and socket reads, and the statement's query timeout. A
 * black-holed database makes a call fail after about one {@code callTimeout} (at most about two
 * when a new connection must first be made).
 */
public final class JdbcMetastore implements Metastore {
  private final Ports ports;
  private static final int POOL_SIZE = 3;
  private static final long MIN_TIMEOUT_MS = 250;

  private final Db db;
  private final JdbcLeaseStore leases;
  private final JdbcEventLog events;
  private final JdbcMemberRegistry members;
  private final JdbcDirectiveStore directives;
  private final String cluster;

  private JdbcMetastore(Db db, String cluster, EventRetention retention, boolean eventTimes) {
    this.db = db;
    this.cluster = cluster;
    this.leases = new JdbcLeaseStore(db, cluster);
    this.events = new JdbcEventLog(db, cluster, retention, eventTimes);
    this.members = new JdbcMemberRegistry(db, cluster);
    this.directives = new JdbcDirectiveStore(db, cluster);
    this.ports = new Ports(leases, events, members, directives, new JdbcStateStore(db, cluster));
  }

  /**
   * Connects to the database at {@code jdbcUrl} and brings its schema up to date.
   *
   * @param jdbcUrl {@code jdbc:h2:...}, {@code jdbc:mariadb:...}, {@code jdbc:mysql:...} (served by
   *     the MariaDB driver) or {@code jdbc:postgresql:...}
   * @param user database user, or null
   * @param password database password, or null
   * @param cluster the cluster whose rows this metastore reads and writes
   * @param callTimeout how long one call may block on the database
   * @throws MetastoreException when the database cannot be reached within about {@code callTimeout}
   *     or the schema cannot be migrated; the message names the URL without secrets
   */
  public static JdbcMetastore open(
      String jdbcUrl, String user, String password, String cluster, Duration callTimeout)
      throws MetastoreException {
    return open(jdbcUrl, user, password, cluster, callTimeout, EventRetention.DEFAULT);
  }

  /**
   * Connects and migrates the schema, as {@link #open(String, String, String, String, Duration)};
   * the event log keeps events as {@code retention} says.
   */
  public static JdbcMetastore open(
      String jdbcUrl,
      String user,
      String password,
      String cluster,
      Duration callTimeout,
      EventRetention retention)
      throws MetastoreException {
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (cluster == null || cluster.isBlank() || cluster.length() > 200) {
      throw new MetastoreException("cluster name must be 1 to 200 characters: '" + cluster + "'");
    }
    Dialect dialect = Dialect.forUrl(jdbcUrl);
    Db db = connect(dialect, jdbcUrl, user, password, cluster, callTimeout);
    boolean eventTimes;
    try {
      eventTimes = Schema.migrate(db);
    } catch (MetastoreException e) {
      db.close();
      throw e;
    }
    return new JdbcMetastore(db, cluster, retention, eventTimes);
  }

  private static Db connect(
      Dialect dialect, String url, String user, String password, String cluster, Duration timeout)
      throws MetastoreException {
    HikariConfig config = poolConfig(dialect, url, cluster, timeout);
    config.setUsername(user);
    config.setPassword(password);
    int querySeconds = dialect.queryTimeoutSeconds(timeout);
    try {
      return new Db(new HikariDataSource(config), dialect, JdbcUrls.describe(url), querySeconds);
    } catch (RuntimeException e) {
      throw SqlErrors.wrap("cannot open metastore " + JdbcUrls.redact(url), e);
    }
  }

  /**
   * How long a call waits for a pooled connection: a quarter less than the call may take, so that
   * when the database refuses new connections (a changed password, revoked privileges) the pool's
   * failure, carrying the database's answer, arrives before the loop's own deadline turns it into a
   * bare "no answer" and the rejection is reported as what it is.
   */
  static long poolWaitMillis(long callMillis) {
    return Math.max(MIN_TIMEOUT_MS, callMillis - callMillis / 4);
  }

  private static HikariConfig poolConfig(
      Dialect dialect, String url, String cluster, Duration timeout) {
    long ms = Math.max(MIN_TIMEOUT_MS, timeout.toMillis());
    HikariConfig config = new HikariConfig();
    config.setPoolName("sfc-metastore-" + cluster);
    config.setDriverClassName(dialect.driverClass());
    config.setJdbcUrl(dialect.driverUrl(url));
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(poolWaitMillis(ms));
    config.setValidationTimeout(Math.max(MIN_TIMEOUT_MS, ms / 2));
    config.setInitializationFailTimeout(ms);
    config.setConnectionInitSql(dialect.initSql());
    dialect.timeoutProperties(timeout).forEach(config::addDataSourceProperty);
    if (dialect == Dialect.H2) {
      config.setExceptionOverrideClassName(H2BrokenConnections.class.getName());
    }
    return config;
  }

  @Override
  public Ports ports() {
    return ports;
  }

  /** One transaction: the rows of this cluster, and the holder of every expired lease. */
  @Override
  public Cleared clear() throws MetastoreException {
    String vacate =
        db.dialect()
            .sql(
                "UPDATE sfc_lease SET holder = NULL WHERE cluster = ? AND holder IS NOT NULL"
                    + " AND expires_ms <= {now}");
    return db.call(
        c ->
            Db.inTransaction(
                c,
                t ->
                    new Cleared(
                        db.update(t, "DELETE FROM sfc_event WHERE cluster = ?", cluster),
                        db.update(t, "DELETE FROM sfc_member WHERE cluster = ?", cluster),
                        db.update(t, "DELETE FROM sfc_directive WHERE cluster = ?", cluster),
                        db.update(t, vacate, cluster))));
  }

  /** E.g. {@code mariadb 127.0.0.1:3306/sfc}; never contains credentials or URL parameters. */
  @Override
  public String describe() {
    return db.description();
  }

  /** Closes the connection pool. */
  @Override
  public void close() {
    db.close();
  }
}
