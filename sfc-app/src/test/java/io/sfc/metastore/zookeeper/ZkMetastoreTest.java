package io.sfc.metastore.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.ChangeWatchCases;
import io.sfc.metastore.EventRetention;
import io.sfc.metastore.MetastoreContractTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The metastore contract and the change watch on an in-process ZooKeeper server. */
class ZkMetastoreTest extends MetastoreContractTest implements ChangeWatchCases {
  static final Duration SESSION = Duration.ofSeconds(10);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
  static TestingServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = new TestingServer(ZkTestServers.spec(-1), true);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected Metastore open(String cluster) throws MetastoreException {
    return ZkMetastore.open(
        server.getConnectString(), "/sfc", null, null, cluster, SESSION, CALL_TIMEOUT);
  }

  @Override
  protected Metastore open(String cluster, EventRetention retention) throws MetastoreException {
    return ZkMetastore.open(
        server.getConnectString(),
        "/sfc",
        null,
        null,
        null,
        cluster,
        SESSION,
        CALL_TIMEOUT,
        retention);
  }

  @Override
  public Metastore openCluster(String cluster) throws MetastoreException {
    return open(cluster);
  }

  @Override
  public void restartServer() throws Exception {
    server.restart();
  }

  @Override
  protected int schemaVersion(String cluster) throws Exception {
    try (CuratorFramework c = rawClient()) {
      String path = new ZkPaths("/sfc", cluster).schema();
      return c.checkExists().forPath(path) == null
          ? 0
          : Integer.parseInt(new String(c.getData().forPath(path), StandardCharsets.UTF_8));
    }
  }

  @Override
  protected void setSchemaVersion(String cluster, int version) throws Exception {
    try (CuratorFramework c = rawClient()) {
      String path = new ZkPaths("/sfc", cluster).schema();
      c.delete().quietly().forPath(path);
      if (version > 0) {
        c.create().forPath(path, Integer.toString(version).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Override
  protected void writeNewerMemberReport(
      String cluster, String service, String node, String role, String state) throws Exception {
    String json =
        "{\"role\":\"%s\",\"epoch\":7,\"serviceState\":\"%s\",\"pid\":4242,".formatted(role, state)
            + "\"reason\":\"from a newer version\",\"futureField\":[1,2]}";
    try (CuratorFramework c = rawClient()) {
      c.create()
          .creatingParentsIfNeeded()
          .forPath(
              new ZkPaths("/sfc", cluster).member(service, node),
              json.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  protected void writeOneTimeEvent(String cluster, String service, String node, String reason)
      throws Exception {
    String json =
        "{\"node\":\"%s\",\"service\":\"%s\",\"epoch\":3,\"kind\":\"STOPPED\",\"reason\":\"%s\"}"
            .formatted(node, service, reason);
    try (CuratorFramework c = rawClient()) {
      c.create()
          .creatingParentsIfNeeded()
          .withMode(org.apache.zookeeper.CreateMode.PERSISTENT_SEQUENTIAL)
          .forPath(new ZkPaths("/sfc", cluster).event(), json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static CuratorFramework rawClient() throws InterruptedException {
    CuratorFramework c =
        CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
    c.start();
    c.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS);
    return c;
  }

  @Test
  void describesWithoutSecrets() throws Exception {
    String hosts = server.getConnectString();
    try (Metastore m =
        ZkMetastore.open(hosts, "/sfc", "u", "s3cret-pw", "c", SESSION, CALL_TIMEOUT)) {
      assertThat(m.describe()).isEqualTo("zookeeper " + hosts + "/sfc");
      assertThat(m.describe()).doesNotContain("s3cret-pw");
    }
  }

  @Test
  void refusesLeaseTtlLongerThanTheServerGrantsAsSession() {
    Duration tooLong = Duration.ofMillis(ZkTestServers.MAX_SESSION_MS * 2L);
    assertThatThrownBy(
            () ->
                ZkMetastore.open(
                    server.getConnectString(), "/sfc", null, null, "c", tooLong, CALL_TIMEOUT))
        .isInstanceOf(MetastoreException.class)
        .hasMessageContaining("granted a session timeout of " + ZkTestServers.MAX_SESSION_MS)
        .hasMessageContaining("lease_ttl");
  }

  @Test
  void openFailsFastAgainstClosedPort() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                ZkMetastore.open(
                    "127.0.0.1:1", "/sfc", null, null, "c", SESSION, Duration.ofSeconds(1)))
        .isInstanceOf(MetastoreException.class)
        .hasMessageContaining("127.0.0.1:1");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void closingTheHoldersSessionFreesTheLeaseAtOnce() throws Exception {
    Metastore holder = open(cluster);
    var lease = holder.leases().tryAcquire("svc", "n1", LONG).orElseThrow();

    holder.close();

    Metastore standby = tracked(cluster);
    assertThat(standby.leases().read("svc").isFree()).isTrue();
    assertThat(standby.leases().tryAcquire("svc", "n2", LONG).orElseThrow().epoch())
        .isGreaterThan(lease.epoch());
  }
}
