package io.sfc.metastore.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.EventRetention;
import io.sfc.metastore.MetastoreTls;
import io.sfc.metastore.TlsFiles;
import io.sfc.metastore.TlsRefusalCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper over TLS with client certificates, against ZooKeeper's own in-process server with a
 * {@code secureClientPort} only and {@code ssl.clientAuth=need} (Curator's {@code TestingServer}
 * has no secure port); certificates made by the test. And the refusals.
 */
class ZkTlsMetastoreTest implements TlsRefusalCases {
  static final Duration SESSION = Duration.ofSeconds(10);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
  static ZooKeeperServerEmbedded server;
  static TlsFiles pki;
  static String hosts;
  static Properties systemBefore;

  @BeforeAll
  static void startServer() throws Exception {
    Path dir = Files.createTempDirectory("sfc-zk-tls");
    pki = TlsFiles.create(dir);
    Path serverPem = dir.resolve("server-combined.pem");
    Files.writeString(
        serverPem, Files.readString(pki.serverCert()) + Files.readString(pki.serverKey()));
    // The server's ssl.* settings reach it as zookeeper.ssl.* System properties (ZooKeeper's
    // QuorumPeerConfig sets them); they are restored after the class. The client must not use them.
    systemBefore = (Properties) System.getProperties().clone();
    server =
        ZooKeeperServerEmbedded.builder()
            .baseDir(Files.createDirectories(dir.resolve("zk")))
            .configuration(serverConfig(serverPem, pki.ca()))
            .exitHandler(ExitHandler.LOG_ONLY)
            .build();
    server.start(30_000);
    hosts = server.getSecureConnectionString();
  }

  private static Properties serverConfig(Path keyStore, Path ca) {
    Properties p = new Properties();
    p.setProperty("tickTime", Integer.toString(ZkTestServers.TICK_MS));
    p.setProperty("maxSessionTimeout", Integer.toString(ZkTestServers.MAX_SESSION_MS));
    p.setProperty("secureClientPort", "0");
    p.setProperty("secureClientPortAddress", "127.0.0.1");
    p.setProperty("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory");
    p.setProperty("ssl.keyStore.location", keyStore.toString());
    p.setProperty("ssl.keyStore.type", "PEM");
    p.setProperty("ssl.trustStore.location", ca.toString());
    p.setProperty("ssl.trustStore.type", "PEM");
    p.setProperty("ssl.clientAuth", "need");
    p.setProperty("admin.enableServer", "false");
    return p;
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
    if (systemBefore != null) {
      System.setProperties(systemBefore);
    }
  }

  private static Metastore open(String cluster, MetastoreTls tls) throws MetastoreException {
    return ZkMetastore.open(
        hosts, "/sfc", "sfc", "pw", tls, cluster, SESSION, CALL_TIMEOUT, EventRetention.DEFAULT);
  }

  private static MetastoreTls good() {
    return new MetastoreTls(pki.ca(), pki.clientCert(), pki.clientKey());
  }

  @Test
  void leasesAndEventsWorkOverTlsWithAClientCertificateAndDigestAuth() throws Exception {
    try (Metastore a = open("tls", good());
        Metastore b = open("tls", good())) {
      Lease lease = a.leases().tryAcquire("svc", "n1", SESSION).orElseThrow();
      assertThat(b.leases().tryAcquire("svc", "n2", SESSION)).isEmpty();
      assertThat(a.leases().renew(lease, SESSION)).isTrue();
      a.events().record(Event.of("n1", "svc", lease.epoch(), EventKind.ACQUIRED, "over tls"));
      assertThat(b.events().recent(5)).extracting(Event::reason).contains("over tls");
      a.leases().release(lease);
      assertThat(b.leases().tryAcquire("svc", "n2", SESSION)).isPresent();
    }
  }

  @Test
  void aCombinedCertificateAndKeyFileIsUsedAsItIs() throws Exception {
    Path both = pki.ca().resolveSibling("client-combined.pem");
    Files.writeString(both, Files.readString(pki.clientCert()) + Files.readString(pki.clientKey()));
    try (Metastore m = open("combined", new MetastoreTls(pki.ca(), both, both))) {
      assertThat(m.leases().read("svc").isFree()).isTrue();
    }
  }

  @Override
  public TlsFiles pki() {
    return pki;
  }

  @Override
  public Metastore open(MetastoreTls tls) throws MetastoreException {
    return open("c", tls);
  }
}
