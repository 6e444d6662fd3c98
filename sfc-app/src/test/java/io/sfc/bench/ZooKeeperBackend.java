package io.sfc.bench;

import io.sfc.core.port.Metastore;
import io.sfc.metastore.zookeeper.ZkMetastore;
import io.sfc.metastore.zookeeper.ZkTestServers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.apache.curator.test.TestingServer;

/** A ZooKeeper server in this JVM (Curator's TestingServer, the ITs' settings). */
public final class ZooKeeperBackend implements Backend {
  static final String ROOT = "/sfc-bench";
  private TestingServer server;

  @Override
  public String name() {
    return "zookeeper";
  }

  @Override
  public void start() throws Exception {
    server = new TestingServer(ZkTestServers.spec(-1), true);
  }

  @Override
  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.getPort());
  }

  @Override
  public List<String> metastoreYaml(InetSocketAddress at) {
    String hosts = at.getHostString() + ":" + at.getPort();
    return List.of("  type: zookeeper", "  hosts: '" + hosts + "'", "  root: " + ROOT);
  }

  @Override
  public Metastore openWatcher(String cluster) throws Exception {
    return ZkMetastore.open(
        server.getConnectString(),
        ROOT,
        null,
        null,
        cluster,
        Duration.ofSeconds(10),
        Duration.ofSeconds(3));
  }

  @Override
  public boolean restartable() {
    return true;
  }

  @Override
  public void restart() throws Exception {
    stopServer();
    startAgain();
  }

  /** Stops the server, keeping its data and port. */
  public void stopServer() throws Exception {
    server.stop();
  }

  /** Starts a stopped server again. */
  public void startAgain() throws Exception {
    server.restart();
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close();
    }
  }
}
