package io.sfc.bench;

import io.sfc.core.port.Metastore;
import io.sfc.metastore.jdbc.JdbcMetastore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.h2.tools.Server;

/**
 * An H2 TCP server in this JVM, as {@code sfc demo} runs it. Statements are counted by H2's own
 * {@code INFORMATION_SCHEMA.QUERY_STATISTICS}.
 */
public final class H2Backend implements Backend {
  private static final String DB = "sfc-bench";
  private Path base;
  private int port;
  private Server server;

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public void start() throws Exception {
    base = Files.createTempDirectory("sfc-bench-h2");
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    launch();
  }

  private void launch() throws Exception {
    server =
        Server.createTcpServer(
                "-tcpPort", Integer.toString(port), "-baseDir", base.toString(), "-ifNotExists")
            .start();
  }

  /** The JDBC URL on loopback, for tests that talk to the server directly. */
  public String url() {
    return url(address());
  }

  private static String url(InetSocketAddress at) {
    return "jdbc:h2:tcp://" + at.getHostString() + ":" + at.getPort() + "/" + DB;
  }

  @Override
  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  @Override
  public List<String> metastoreYaml(InetSocketAddress at) {
    return JdbcYaml.of(url(at), "sa", "");
  }

  @Override
  public Metastore openWatcher(String cluster) throws Exception {
    return JdbcMetastore.open(url(), "sa", "", cluster, Duration.ofSeconds(3));
  }

  @Override
  public boolean restartable() {
    return true;
  }

  @Override
  public void restart() throws Exception {
    server.stop();
    launch();
  }

  @Override
  public String statementCounter() {
    return "H2 INFORMATION_SCHEMA.QUERY_STATISTICS (sum of EXECUTION_COUNT: statements)";
  }

  @Override
  public OptionalLong statements() throws Exception {
    try (Connection c = DriverManager.getConnection(url(), "sa", "");
        Statement st = c.createStatement()) {
      st.execute("SET QUERY_STATISTICS TRUE");
      st.execute("SET QUERY_STATISTICS_MAX_ENTRIES 1000");
      try (ResultSet rs =
          st.executeQuery(
              "SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                  + " WHERE SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'")) {
        rs.next();
        return OptionalLong.of(rs.getLong(1));
      }
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop();
    }
  }
}
