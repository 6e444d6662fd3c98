package io.sfc.it;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.sfc.bench.EtcdBackend;
import io.sfc.core.port.Metastore;
import io.sfc.metastore.etcd.EtcdServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The multi-process scenarios on a real etcd server started by the test. */
class EtcdClusterIT extends ClusterIT {
  static EtcdBackend server;

  @BeforeAll
  static void startEtcd() throws Exception {
    assumeThat(EtcdServer.available()).as("etcd-server is installed").isTrue();
    server = new EtcdBackend();
    server.start();
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  List<String> metastoreYaml(String node) {
    return server.metastoreYaml(server.address());
  }

  @Test
  void etcdOutageStopsTheServiceByTheDeadlineAndOneNodeRunsItAfterwards() throws Exception {
    checkMetastoreOutage(
        down -> {
          if (down) {
            server.server().pause();
          } else {
            server.server().resume();
          }
        });
  }

  @Override
  Metastore openWatcher(String name) throws Exception {
    return server.openWatcher(name);
  }
}
