package io.sfc.bench;

import io.sfc.core.port.Metastore;
import io.sfc.metastore.jdbc.JdbcMetastore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The machine's shared MariaDB or PostgreSQL server on loopback, with a database of the bench's own
 * ({@value #DB}, created if missing) so that PostgreSQL's per-database counters count only the
 * bench. The harness restarts these servers (scenario (e)) only with {@code
 * -Dbench.restartShared=true}, since other work on the machine may use them; it starts them again
 * with the machine's own commands and waits until they answer.
 */
public final class SharedSqlBackend implements Backend {
  static final String DB = "sfc_bench";
  private final String name;
  private final String scheme;
  private final int port;
  private final String user;
  private final String adminDb;

  private SharedSqlBackend(String name, String scheme, int port, String user, String adminDb) {
    this.name = name;
    this.scheme = scheme;
    this.port = port;
    this.user = user;
    this.adminDb = adminDb;
  }

  static SharedSqlBackend mariadb() {
    return new SharedSqlBackend("mariadb", "mariadb", 3306, "root", "");
  }

  static SharedSqlBackend postgresql() {
    return new SharedSqlBackend("postgresql", "postgresql", 5432, "postgres", "postgres");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() throws Exception {
    try (Connection c = DriverManager.getConnection(url(address(), adminDb), user, "");
        Statement st = c.createStatement()) {
      if (name.equals("mariadb")) {
        st.execute("CREATE DATABASE IF NOT EXISTS " + DB);
        return;
      }
      try (ResultSet rs =
          st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
        if (rs.next()) {
          return;
        }
      }
      st.execute("CREATE DATABASE " + DB);
    }
  }

  private String url(InetSocketAddress at, String db) {
    return "jdbc:" + scheme + "://" + at.getHostString() + ":" + at.getPort() + "/" + db;
  }

  @Override
  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  @Override
  public List<String> metastoreYaml(InetSocketAddress at) {
    return JdbcYaml.of(url(at, DB), user, "");
  }

  @Override
  public Metastore openWatcher(String cluster) throws Exception {
    return JdbcMetastore.open(url(address(), DB), user, "", cluster, Duration.ofSeconds(3));
  }

  @Override
  public boolean restartable() {
    return Boolean.getBoolean("bench.restartShared");
  }

  @Override
  public void restart() throws Exception {
    if (name.equals("mariadb")) {
      run("mariadb-admin", "-h", "127.0.0.1", "-uroot", "shutdown");
      // start-stop-daemon --oknodo does nothing while the old server is still exiting
      awaitGone("/usr/sbin/mariadbd", Duration.ofSeconds(60));
      run(
          "start-stop-daemon",
          "--start",
          "--oknodo",
          "--background",
          "--exec",
          "/usr/sbin/mariadbd");
    } else {
      String version = postgresVersion();
      run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast");
      run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start");
    }
    awaitAnswering(Duration.ofSeconds(60));
  }

  private static String postgresVersion() throws IOException {
    try (var dirs = Files.list(Path.of("/etc/postgresql"))) {
      return dirs.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  private static void awaitGone(String executable, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (ProcessHandle.allProcesses()
        .anyMatch(p -> p.info().command().filter(executable::equals).isPresent())) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(executable + " still runs " + max + " after shutdown");
      }
      Thread.sleep(50); // polling a process that is exiting; no test assertion follows
    }
  }

  private void awaitAnswering(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      try (Connection c = DriverManager.getConnection(url(address(), adminDb), user, "")) {
        return;
      } catch (SQLException e) {
        Thread.sleep(100); // polling a server that is starting; no test assertion follows
      }
    }
    throw new IllegalStateException(name + " did not answer within " + max + " after restart");
  }

  @Override
  public String statementCounter() {
    return name.equals("postgresql")
        ? "PostgreSQL pg_stat_database xact_commit + xact_rollback of database "
            + DB
            + " (transactions)"
        : "";
  }

  @Override
  public OptionalLong statements() throws Exception {
    if (!name.equals("postgresql")) {
      return OptionalLong.empty();
    }
    try (Connection c = DriverManager.getConnection(url(address(), adminDb), user, "");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '"
                    + DB
                    + "'")) {
      return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
    }
  }

  @Override
  public void close() {}
}
