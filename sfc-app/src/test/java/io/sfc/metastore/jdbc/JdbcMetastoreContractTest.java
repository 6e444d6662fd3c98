package io.sfc.metastore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.sfc.core.model.Lease;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.EventRetention;
import io.sfc.metastore.MetastoreContractTest;
import io.sfc.testing.TcpProxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract suite plus what only the JDBC adapter has: schema, URLs, timeouts, SQL clocks. */
abstract class JdbcMetastoreContractTest extends MetastoreContractTest {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

  /** URL of the shared test database. */
  abstract String url();

  abstract String user();

  abstract String password();

  /** A URL whose server port is closed. */
  abstract String closedPortUrl();

  /** Creates an empty database and returns its URL. */
  abstract String createFreshDatabase() throws SQLException;

  abstract void dropDatabase(String url) throws SQLException;

  /** The expected {@link Metastore#describe()} of {@link #url()}. */
  abstract String expectedDescription();

  /** The URL of the test database reached through a TCP proxy on {@code port}, or null. */
  abstract String urlThroughPort(int port);

  /** The loopback TCP port of the database server, or null for an in-process database. */
  abstract Integer serverPort();

  @Override
  protected Metastore open(String cluster) throws MetastoreException {
    return JdbcMetastore.open(url(), user(), password(), cluster, CALL_TIMEOUT);
  }

  @Override
  protected Metastore open(String cluster, EventRetention retention) throws MetastoreException {
    return JdbcMetastore.open(url(), user(), password(), cluster, CALL_TIMEOUT, retention);
  }

  /** The newest row of {@code sfc_schema}: the schema is the database's, shared by all clusters. */
  @Override
  protected int schemaVersion(String cluster) throws SQLException {
    List<Integer> versions = schemaVersions(url());
    return versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
  }

  /** Forgets the rows above {@code version} and records it, as the sfc of that version would. */
  @Override
  protected void setSchemaVersion(String cluster, int version) throws SQLException {
    int newest = schemaVersion(cluster);
    try (Connection c = rawConnection(url());
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM sfc_schema WHERE version > " + version);
      if (version > newest) {
        s.executeUpdate("INSERT INTO sfc_schema (version, applied_at) VALUES (" + version + ", 0)");
      }
    }
  }

  @Override
  protected void writeNewerMemberReport(
      String cluster, String service, String node, String role, String state) throws Exception {
    String sql =
        "INSERT INTO sfc_member (cluster, node, service, role, epoch, service_state, pid, reason,"
            + " updated_ms) VALUES (?, ?, ?, ?, 7, ?, 4242, 'from a newer version', "
            + Dialect.forUrl(url()).nowMs()
            + ")";
    try (Connection c = rawConnection(url());
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, cluster);
      s.setString(2, node);
      s.setString(3, service);
      s.setString(4, role);
      s.setString(5, state);
      s.executeUpdate();
    }
  }

  /** The INSERT of an sfc from before issue 16, which knew one time only. */
  static final String ONE_TIME_INSERT =
      "INSERT INTO sfc_event (at_ms, cluster, node, service, epoch, kind, reason) VALUES (";

  @Override
  protected void writeOneTimeEvent(String cluster, String service, String node, String reason)
      throws Exception {
    writeOneTimeEvent(url(), cluster, service, node, reason);
  }

  private void writeOneTimeEvent(
      String url, String cluster, String service, String node, String reason) throws Exception {
    String sql = ONE_TIME_INSERT + Dialect.forUrl(url).nowMs() + ", ?, ?, ?, 3, 'STOPPED', ?)";
    try (Connection c = rawConnection(url);
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, cluster);
      s.setString(2, node);
      s.setString(3, service);
      s.setString(4, reason);
      s.executeUpdate();
    }
  }

  /**
   * An older controller names the columns it reads: its query reads the rows this version writes,
   * and its rows (without the two times) are read here as having happened when recorded.
   */
  @Test
  void anOlderControllersEventQueriesWorkOnTheNewTable() throws Exception {
    Metastore m = tracked(cluster);
    m.events()
        .record(
            io.sfc.core.model.Event.of("n1", "svc", 2, io.sfc.core.model.EventKind.STARTED, "new")
                .dated(java.time.Instant.now().minusSeconds(30), 30_000));
    String oldQuery =
        "SELECT at_ms, node, service, epoch, kind, reason FROM sfc_event"
            + " WHERE cluster = ? ORDER BY id DESC LIMIT ?";
    try (Connection c = rawConnection(url());
        PreparedStatement s = c.prepareStatement(oldQuery)) {
      s.setString(1, cluster);
      s.setLong(2, 10);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(5)).isEqualTo("STARTED");
        assertThat(rs.getString(6)).isEqualTo("new");
      }
    }
  }

  /**
   * A database whose event table has no times of issue 16 (the previous release's) gets the two
   * columns when opened and keeps schema version 2; its old rows read as one-time events.
   */
  @Test
  void upgradesAnEventTableWithoutTheTwoTimes() throws Exception {
    String fresh = createFreshDatabase();
    try {
      JdbcMetastore.open(fresh, user(), password(), "old", CALL_TIMEOUT).close();
      try (Connection c = rawConnection(fresh);
          Statement s = c.createStatement()) {
        s.execute("ALTER TABLE sfc_event DROP COLUMN occurred_ms");
        s.execute("ALTER TABLE sfc_event DROP COLUMN delay_ms");
      }
      writeOneTimeEvent(fresh, "old", "svc", "n1", "before the upgrade");
      try (JdbcMetastore m = JdbcMetastore.open(fresh, user(), password(), "old", CALL_TIMEOUT)) {
        var old = m.events().recent(5).get(0);
        assertThat(old.reason()).isEqualTo("before the upgrade");
        assertThat(old.occurredAt()).isEqualTo(old.at());
      }
      assertThat(schemaVersions(fresh)).containsExactly(1, 2);
    } finally {
      dropDatabase(fresh);
    }
  }

  Connection rawConnection(String url) throws SQLException {
    return DriverManager.getConnection(url, user(), password());
  }

  @Test
  void describesWithoutSecrets() throws Exception {
    try (Metastore m = open(randomCluster())) {
      assertThat(m.describe()).isEqualTo(expectedDescription());
    }
  }

  @Test
  void epochsCountAcquisitions() throws Exception {
    Metastore m = tracked(cluster);
    for (long epoch = 1; epoch <= 3; epoch++) {
      Lease lease = m.leases().tryAcquire("svc", "n" + epoch, LONG).orElseThrow();
      assertThat(lease.epoch()).isEqualTo(epoch);
      m.leases().release(lease);
    }
  }

  @Test
  void databaseClockExpressionIsEpochMillis() throws Exception {
    Dialect d = Dialect.forUrl(url());
    try (Connection c = rawConnection(url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + d.nowMs())) {
      rs.next();
      assertThat(rs.getLong(1))
          .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(2000L));
    }
  }

  @Test
  void openFailsFastAgainstClosedPort() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                JdbcMetastore.open(
                    closedPortUrl(), user(), "s3cret-pw", "c", Duration.ofSeconds(2)))
        .isInstanceOf(MetastoreException.class)
        .hasMessageContaining("cannot open metastore")
        .hasMessageContaining(":1")
        .hasMessageNotContaining("s3cret-pw");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void migrationIsIdempotentUnderConcurrentStart() throws Exception {
    String fresh = createFreshDatabase();
    try {
      openConcurrently(fresh, 3);
      JdbcMetastore.open(fresh, user(), password(), "again", CALL_TIMEOUT).close();
      assertThat(schemaVersions(fresh)).containsExactly(1, 2);
    } finally {
      dropDatabase(fresh);
    }
  }

  private void openConcurrently(String fresh, int count) throws Exception {
    CyclicBarrier start = new CyclicBarrier(count);
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<Future<Lease>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String node = "n" + i;
        results.add(pool.submit(() -> openAndAcquire(fresh, start, node)));
      }
      long winners = 0;
      for (Future<Lease> f : results) {
        winners += f.get(60, TimeUnit.SECONDS) == null ? 0 : 1;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private Lease openAndAcquire(String url, CyclicBarrier start, String node) throws Exception {
    start.await(30, TimeUnit.SECONDS);
    try (Metastore m = JdbcMetastore.open(url, user(), password(), "mig", CALL_TIMEOUT)) {
      return m.leases().tryAcquire("svc", node, LONG).orElse(null);
    }
  }

  /** A database at schema version 1 (before directives) is upgraded when a controller opens it. */
  @Test
  void upgradesAVersionOneDatabaseWithDirectives() throws Exception {
    String fresh = createFreshDatabase();
    try {
      JdbcMetastore.open(fresh, user(), password(), "old", CALL_TIMEOUT).close();
      try (Connection c = rawConnection(fresh);
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE sfc_directive");
        s.execute("DROP TABLE sfc_state");
        s.execute("DELETE FROM sfc_schema WHERE version = 2");
      }
      assertThat(schemaVersions(fresh)).containsExactly(1);
      try (JdbcMetastore m = JdbcMetastore.open(fresh, user(), password(), "old", CALL_TIMEOUT)) {
        m.directives().pause("*", "ops");
        assertThat(m.directives().read("scheduler").pausedBy()).isEqualTo("ops");
      }
      assertThat(schemaVersions(fresh)).containsExactly(1, 2);
    } finally {
      dropDatabase(fresh);
    }
  }

  /**
   * A database of schema version 2 without the state table (made by the previous release) gets it
   * when opened, and keeps version 2: older controllers must not be locked out by an added table.
   */
  @Test
  void upgradesAVersionTwoDatabaseWithStateFiles() throws Exception {
    String fresh = createFreshDatabase();
    try {
      JdbcMetastore.open(fresh, user(), password(), "old", CALL_TIMEOUT).close();
      try (Connection c = rawConnection(fresh);
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE sfc_state");
      }
      assertThat(schemaVersions(fresh)).containsExactly(1, 2);
      try (JdbcMetastore m = JdbcMetastore.open(fresh, user(), password(), "old", CALL_TIMEOUT)) {
        Lease lease = m.leases().tryAcquire("beat", "n1", LONG).orElseThrow();
        assertThat(m.states().put(lease, "schedule", new byte[] {1, 2})).isTrue();
        assertThat(m.states().get("beat", "schedule").orElseThrow().bytes()).containsExactly(1, 2);
      }
      assertThat(schemaVersions(fresh)).containsExactly(1, 2);
    } finally {
      dropDatabase(fresh);
    }
  }

  private List<Integer> schemaVersions(String url) throws SQLException {
    List<Integer> versions = new ArrayList<>();
    try (Connection c = rawConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM sfc_schema ORDER BY version")) {
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
    }
    return versions;
  }

  /** A database that stops answering makes calls fail after about the call timeout, not hang. */
  @Test
  void blackHoledDatabaseFailsCallsWithinTimeout() throws Exception {
    assumeThat(serverPort()).as("needs a TCP server").isNotNull();
    try (TcpProxy proxy = new TcpProxy(serverPort())) {
      Duration timeout = Duration.ofSeconds(1);
      Metastore m =
          JdbcMetastore.open(urlThroughPort(proxy.port()), user(), password(), cluster, timeout);
      try (m) {
        assertThat(m.leases().tryAcquire("svc", "n1", LONG)).isPresent();
        proxy.blackhole();
        assertFailsWithin(m, Duration.ofSeconds(4));
        assertFailsWithin(m, Duration.ofSeconds(4));
        proxy.heal();
        await()
            .atMost(Duration.ofSeconds(15))
            .ignoreExceptions()
            .until(() -> m.leases().read("svc").holder() != null);
      }
    }
  }

  private static void assertFailsWithin(Metastore m, Duration limit) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> m.leases().read("svc")).isInstanceOf(MetastoreException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(limit);
  }
}
