package io.sfc.metastore.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.MetastoreTls;
import io.sfc.metastore.TlsFiles;
import io.sfc.metastore.TlsRefusalCases;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metastore contract over TLS with client certificates, against a real etcd started with {@code
 * --cert-file --key-file --trusted-ca-file --client-cert-auth}; and the refusals.
 */
class EtcdTlsMetastoreTest implements TlsRefusalCases {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  static EtcdServer server;
  static TlsFiles pki;

  @BeforeAll
  static void startServer() throws Exception {
    assumeThat(EtcdServer.available()).as("etcd-server is installed").isTrue();
    pki = TlsFiles.create(Files.createTempDirectory("sfc-etcd-tls"));
    server = EtcdServer.startTls(pki.serverCert(), pki.serverKey(), pki.ca());
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private Metastore open(String cluster) throws MetastoreException {
    MetastoreTls tls = new MetastoreTls(pki.ca(), pki.clientCert(), pki.clientKey());
    return EtcdMetastore.open(List.of(server.endpoint()), null, null, tls, cluster, CALL_TIMEOUT);
  }

  @Test
  void leasesAndEventsWorkOverTlsWithAClientCertificate() throws Exception {
    try (Metastore a = open("tls");
        Metastore b = open("tls")) {
      Lease lease = a.leases().tryAcquire("svc", "n1", Duration.ofSeconds(30)).orElseThrow();
      assertThat(b.leases().tryAcquire("svc", "n2", Duration.ofSeconds(30))).isEmpty();
      assertThat(a.leases().renew(lease, Duration.ofSeconds(30))).isTrue();
      a.events().record(Event.of("n1", "svc", lease.epoch(), EventKind.ACQUIRED, "over tls"));
      assertThat(b.events().recent(5)).extracting(Event::reason).contains("over tls");
      a.leases().release(lease);
      assertThat(b.leases().tryAcquire("svc", "n2", Duration.ofSeconds(30))).isPresent();
      assertThat(a.describe()).isEqualTo("etcd " + server.endpoint());
    }
  }

  @Override
  public TlsFiles pki() {
    return pki;
  }

  @Override
  public Metastore open(MetastoreTls tls) throws MetastoreException {
    return EtcdMetastore.open(List.of(server.endpoint()), null, null, tls, "c", CALL_TIMEOUT);
  }
}
