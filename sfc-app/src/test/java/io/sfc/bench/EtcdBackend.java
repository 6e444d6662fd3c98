package io.sfc.bench;

import io.sfc.core.port.Metastore;
import io.sfc.metastore.etcd.EtcdMetastore;
import io.sfc.metastore.etcd.EtcdServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** An etcd server (Debian's etcd-server) started and restarted by the harness. */
public final class EtcdBackend implements Backend {
  private EtcdServer server;

  @Override
  public String name() {
    return "etcd";
  }

  @Override
  public void start() throws Exception {
    if (!EtcdServer.available()) {
      throw new IllegalStateException(EtcdServer.BINARY + " is not installed");
    }
    server = EtcdServer.start();
  }

  @Override
  public InetSocketAddress address() {
    URI u = URI.create(server.endpoint());
    return new InetSocketAddress(u.getHost(), u.getPort());
  }

  @Override
  public List<String> metastoreYaml(InetSocketAddress at) {
    String endpoint = "http://" + at.getHostString() + ":" + at.getPort();
    return List.of("  type: etcd", "  endpoints: ['" + endpoint + "']");
  }

  @Override
  public Metastore openWatcher(String cluster) throws Exception {
    return EtcdMetastore.open(
        List.of(server.endpoint()), null, null, cluster, Duration.ofSeconds(3));
  }

  /** The server, e.g. to freeze it. */
  public EtcdServer server() {
    return server;
  }

  @Override
  public boolean restartable() {
    return true;
  }

  @Override
  public void restart() throws Exception {
    server.restart();
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close();
    }
  }
}
