package io.sfc.it;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.sfc.core.port.Metastore;
import io.sfc.metastore.etcd.EtcdMetastore;
import io.sfc.metastore.etcd.EtcdServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The multi-process scenarios on a real etcd server started by the test. */
class EtcdClusterIT extends ClusterIT {
  static EtcdServer server;

  @BeforeAll
  static void startEtcd() throws Exception {
    assumeThat(EtcdServer.available()).as("etcd-server is installed").isTrue();
    server = EtcdServer.start();
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  List<String> metastoreYaml(String node) {
    return List.of("  type: etcd", "  endpoints: ['" + server.endpoint() + "']");
  }

  @Test
  void etcdOutageStopsTheServiceByTheDeadlineAndOneNodeRunsItAfterwards() throws Exception {
    checkMetastoreOutage(
        down -> {
          if (down) {
            server.pause();
          } else {
            server.resume();
          }
        });
  }

  @Override
  Metastore openWatcher(String name) throws Exception {
    return EtcdMetastore.open(List.of(server.endpoint()), null, null, name, Duration.ofSeconds(3));
  }
}
