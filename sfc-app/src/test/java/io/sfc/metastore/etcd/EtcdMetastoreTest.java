package io.sfc.metastore.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.sfc.core.model.Lease;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.ChangeWatchCases;
import io.sfc.metastore.EventRetention;
import io.sfc.metastore.MetastoreContractTest;
import io.sfc.time.SystemTime;
import io.sfc.time.WallClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metastore contract, the change watch, and failures, on a real etcd server started by the
 * test.
 */
class EtcdMetastoreTest extends MetastoreContractTest implements ChangeWatchCases {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  static EtcdServer server;
  static Client raw;

  @BeforeAll
  static void startServer() throws Exception {
    assumeThat(EtcdServer.available()).as("etcd-server is installed").isTrue();
    server = EtcdServer.start();
    // The first client of the JVM loads gRPC and Netty and meets a just-started server: on a busy
    // machine that takes longer than the 2 s call timeout of the tests' first open.
    EtcdMetastore.open(List.of(server.endpoint()), null, null, "warm-up", Duration.ofSeconds(30))
        .close();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (raw != null) {
      raw.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected Metastore open(String cluster) throws MetastoreException {
    return EtcdMetastore.open(List.of(server.endpoint()), null, null, cluster, CALL_TIMEOUT);
  }

  @Override
  protected Metastore open(String cluster, EventRetention retention) throws MetastoreException {
    return open(cluster, retention, SystemTime.WALL);
  }

  @Override
  protected Metastore open(String cluster, WallClock wall) throws MetastoreException {
    return open(cluster, EventRetention.DEFAULT, wall);
  }

  private static Metastore open(String cluster, EventRetention retention, WallClock wall)
      throws MetastoreException {
    List<String> endpoints = List.of(server.endpoint());
    return EtcdMetastore.open(endpoints, null, null, null, cluster, CALL_TIMEOUT, retention, wall);
  }

  @Override
  public Metastore openCluster(String cluster) throws MetastoreException {
    return open(cluster);
  }

  @Override
  public void restartServer() throws Exception {
    server.restart();
  }

  /**
   * etcd leases last whole seconds (at least one): the 100 ms churn leases live ten times longer.
   */
  @Override
  protected Duration churnDuration() {
    return Duration.ofSeconds(15);
  }

  @Override
  protected int schemaVersion(String cluster) throws Exception {
    var kvs =
        raw().getKVClient().get(new EtcdKeys(cluster).schema()).get(5, TimeUnit.SECONDS).getKvs();
    return kvs.isEmpty() ? 0 : Integer.parseInt(kvs.get(0).getValue().toString());
  }

  @Override
  protected void setSchemaVersion(String cluster, int version) throws Exception {
    ByteSequence key = new EtcdKeys(cluster).schema();
    if (version > 0) {
      raw()
          .getKVClient()
          .put(key, EtcdKeys.bytes(Integer.toString(version)))
          .get(5, TimeUnit.SECONDS);
    } else {
      raw().getKVClient().delete(key).get(5, TimeUnit.SECONDS);
    }
  }

  @Override
  protected void writeNewerMemberReport(
      String cluster, String service, String node, String role, String state) throws Exception {
    String json =
        "{\"role\":\"%s\",\"epoch\":7,\"serviceState\":\"%s\",\"pid\":4242,".formatted(role, state)
            + "\"reason\":\"from a newer version\",\"writtenMs\":%d,\"futureField\":[1,2]}"
                .formatted(System.currentTimeMillis());
    raw()
        .getKVClient()
        .put(new EtcdKeys(cluster).member(service, node), EtcdKeys.bytes(json))
        .get(5, TimeUnit.SECONDS);
  }

  @Override
  protected void writeOneTimeEvent(String cluster, String service, String node, String reason)
      throws Exception {
    String json =
        ("{\"atMs\":%d,\"node\":\"%s\",\"service\":\"%s\",\"epoch\":3,\"kind\":\"STOPPED\","
                + "\"reason\":\"%s\"}")
            .formatted(System.currentTimeMillis(), node, service, reason);
    raw()
        .getKVClient()
        .put(
            new EtcdKeys(cluster).event(java.util.UUID.randomUUID().toString()),
            EtcdKeys.bytes(json))
        .get(5, TimeUnit.SECONDS);
  }

  /** One client of the test's own for the schema key, closed after the class. */
  private static synchronized Client raw() {
    if (raw == null) {
      raw = Client.builder().endpoints(server.endpoint()).build();
    }
    return raw;
  }

  @Test
  void describesWithoutSecrets() throws Exception {
    try (Metastore m = open(randomCluster())) {
      assertThat(m.describe()).isEqualTo("etcd " + server.endpoint());
    }
  }

  @Test
  void epochIsTheKeysCreateRevisionAndGrowsWithEveryAcquisition() throws Exception {
    Lease first = tracked(cluster).leases().tryAcquire("svc", "n1", LONG).orElseThrow();
    tracked(cluster)
        .events()
        .record(
            io.sfc.core.model.Event.of(
                "n1", "svc", 1, io.sfc.core.model.EventKind.ACQUIRED, "unrelated write"));
    Metastore m = tracked(cluster);
    m.leases().release(first);

    Lease second = m.leases().tryAcquire("svc", "n1", LONG).orElseThrow();

    assertThat(second.epoch()).isGreaterThan(first.epoch() + 1);
  }

  @Test
  void openFailsFastAgainstClosedPort() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                EtcdMetastore.open(
                    List.of("http://127.0.0.1:1"), "u", "s3cret-pw", "c", Duration.ofSeconds(1)))
        .isInstanceOf(MetastoreException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("s3cret-pw");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  /** Revoking the holder's etcd lease (as an operator or etcd itself would) frees the lease. */
  @Test
  void revokedHolderLeaseLetsStandbyAcquireWithHigherEpoch() throws Exception {
    Metastore holder = tracked(cluster);
    Lease lease = holder.leases().tryAcquire("svc", "n1", LONG).orElseThrow();

    revokeEtcdLeaseOf("svc");

    assertThat(holder.leases().renew(lease, LONG)).isFalse();
    Lease next = tracked(cluster).leases().tryAcquire("svc", "n2", LONG).orElseThrow();
    assertThat(next.epoch()).isGreaterThan(lease.epoch());
  }

  /** etcd frozen for longer than the TTL: renewals fail, and the lease is gone afterwards. */
  @Test
  void renewFailsWhileEtcdIsStoppedForLongerThanTheTtl() throws Exception {
    Duration ttl = Duration.ofSeconds(2);
    Metastore holder = tracked(cluster);
    Lease lease = holder.leases().tryAcquire("svc", "n1", ttl).orElseThrow();
    long pausedAt = System.nanoTime();
    server.pause();
    try {
      assertThatThrownBy(() -> holder.leases().renew(lease, ttl))
          .isInstanceOf(MetastoreException.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> System.nanoTime() - pausedAt > ttl.plusSeconds(1).toNanos());
    } finally {
      server.resume();
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(() -> !holder.leases().renew(lease, ttl));
    Metastore standby = tracked(cluster);
    Lease next =
        await()
            .atMost(Duration.ofSeconds(15))
            .ignoreExceptions()
            .until(
                () -> standby.leases().tryAcquire("svc", "n2", LONG).orElse(null), l -> l != null);
    assertThat(next.epoch()).isGreaterThan(lease.epoch());
  }

  /**
   * Revokes, with a client of its own, the etcd lease that the lease key of service is bound to.
   */
  private void revokeEtcdLeaseOf(String service) throws Exception {
    try (Client c = Client.builder().endpoints(server.endpoint()).build()) {
      ByteSequence key =
          ByteSequence.from("/sfc/" + cluster + "/leases/" + service, StandardCharsets.UTF_8);
      long leaseId = c.getKVClient().get(key).get(5, TimeUnit.SECONDS).getKvs().get(0).getLease();
      c.getLeaseClient().revoke(leaseId).get(5, TimeUnit.SECONDS);
    }
  }
}
