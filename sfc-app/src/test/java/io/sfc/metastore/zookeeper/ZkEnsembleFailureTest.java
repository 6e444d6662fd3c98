package io.sfc.metastore.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sfc.core.model.Lease;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Leases on a real three-server ensemble (in-process) while servers die and sessions expire. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZkEnsembleFailureTest {
  static final Duration TTL = Duration.ofSeconds(10);
  static final Duration CALL = Duration.ofSeconds(2);

  private TestingCluster ensemble;
  private final List<ZkMetastore> opened = new ArrayList<>();
  private final String cluster = "c-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void startEnsemble() throws Exception {
    ensemble =
        new TestingCluster(
            List.of(ZkTestServers.spec(1), ZkTestServers.spec(2), ZkTestServers.spec(3)));
    ensemble.start();
  }

  @AfterEach
  void stop() throws Exception {
    opened.forEach(ZkMetastore::close);
    ensemble.close();
  }

  private ZkMetastore open() throws MetastoreException {
    ZkMetastore m =
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () ->
                    ZkMetastore.open(
                        ensemble.getConnectString(), "/sfc", null, null, cluster, TTL, CALL),
                m2 -> m2 != null);
    opened.add(m);
    return m;
  }

  @Test
  void holderKeepsItsLeaseWhenItsServerDiesAndTheSessionSurvives() throws Exception {
    ZkMetastore holder = open();
    ZkMetastore standby = open();
    Lease lease = holder.leases().tryAcquire("svc", "n1", TTL).orElseThrow();
    ZooKeeper zk = holder.client().getZookeeperClient().getZooKeeper();
    long session = zk.getSessionId();
    InstanceSpec connected = ensemble.findConnectionInstance(zk);

    assertThat(ensemble.killServer(connected)).isTrue();

    await()
        .atMost(TTL)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> holder.leases().renew(lease, TTL));
    assertThat(holder.client().getZookeeperClient().getZooKeeper().getSessionId())
        .as("same session")
        .isEqualTo(session);
    assertThat(standby.leases().tryAcquire("svc", "n2", TTL)).isEmpty();
    assertThat(standby.leases().read("svc").confirms(lease)).isTrue();
  }

  @Test
  void expiredHolderSessionLetsStandbyAcquireWithHigherEpochAtOnce() throws Exception {
    ZkMetastore holder = open();
    ZkMetastore standby = open();
    Lease lease = holder.leases().tryAcquire("svc", "n1", TTL).orElseThrow();

    expireSession(holder.client().getZookeeperClient().getZooKeeper());

    Lease next =
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(50))
            .ignoreExceptions()
            .until(
                () -> standby.leases().tryAcquire("svc", "n2", TTL).orElse(null), l -> l != null);
    assertThat(next.epoch()).isGreaterThan(lease.epoch());
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> !holder.leases().renew(lease, TTL));
    assertThat(holder.leases().renew(lease, TTL)).as("new session renews nothing").isFalse();
    assertThat(standby.leases().read("svc").confirms(next)).isTrue();
  }

  /** Ends {@code zk}'s session on the servers: a second handle on the same session closes it. */
  private void expireSession(ZooKeeper zk) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    Watcher watcher =
        e -> {
          if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
            connected.countDown();
          }
        };
    ZooKeeper twin =
        new ZooKeeper(
            ensemble.getConnectString(),
            (int) TTL.toMillis(),
            watcher,
            zk.getSessionId(),
            zk.getSessionPasswd());
    assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
    twin.close();
  }
}
