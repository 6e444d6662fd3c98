package io.sfc.it;

import io.sfc.core.port.Metastore;
import io.sfc.metastore.zookeeper.ZkMetastore;
import io.sfc.metastore.zookeeper.ZkTestServers;
import java.time.Duration;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The multi-process scenarios on a ZooKeeper server running inside the test JVM. */
class ZooKeeperClusterIT extends ClusterIT {
  static TestingServer server;

  @BeforeAll
  static void startZooKeeper() throws Exception {
    server = new TestingServer(ZkTestServers.spec(-1), true);
  }

  @AfterAll
  static void stopZooKeeper() throws Exception {
    server.close();
  }

  @Override
  List<String> metastoreYaml(String node) {
    return List.of(
        "  type: zookeeper", "  hosts: '" + server.getConnectString() + "'", "  root: /sfc-it");
  }

  @Test
  void zooKeeperOutageStopsTheServiceByTheDeadlineAndOneNodeRunsItAfterwards() throws Exception {
    checkMetastoreOutage(
        down -> {
          if (down) {
            server.stop();
          } else {
            server.restart();
          }
        });
  }

  @Override
  Metastore openWatcher(String name) throws Exception {
    return ZkMetastore.open(
        server.getConnectString(),
        "/sfc-it",
        null,
        null,
        name,
        Duration.ofMillis(TTL_MS),
        Duration.ofSeconds(3));
  }
}
