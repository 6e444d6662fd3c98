package io.sfc.it;

import io.sfc.bench.ZooKeeperBackend;
import io.sfc.core.port.Metastore;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The multi-process scenarios on a ZooKeeper server running inside the test JVM. */
class ZooKeeperClusterIT extends ClusterIT {
  static ZooKeeperBackend server;

  @BeforeAll
  static void startZooKeeper() throws Exception {
    server = new ZooKeeperBackend();
    server.start();
  }

  @AfterAll
  static void stopZooKeeper() throws Exception {
    server.close();
  }

  @Override
  List<String> metastoreYaml(String node) {
    return server.metastoreYaml(server.address());
  }

  @Test
  void zooKeeperOutageStopsTheServiceByTheDeadlineAndOneNodeRunsItAfterwards() throws Exception {
    checkMetastoreOutage(
        down -> {
          if (down) {
            server.stopServer();
          } else {
            server.startAgain();
          }
        });
  }

  @Override
  Metastore openWatcher(String name) throws Exception {
    return server.openWatcher(name);
  }
}
