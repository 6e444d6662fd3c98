package io.sfc.it;

import io.sfc.bench.JdbcYaml;
import io.sfc.core.port.Metastore;
import io.sfc.metastore.jdbc.JdbcMetastore;
import java.time.Duration;
import java.util.List;

/** The multi-process scenarios on a SQL metastore; subclasses name the database. */
abstract class JdbcClusterIT extends ClusterIT {

  /** JDBC URL the test itself uses to watch the cluster. */
  abstract String url();

  abstract String user();

  abstract String password();

  /** JDBC URL the controller of {@code node} uses; a proxy in partition tests. */
  String urlFor(String node) {
    return url();
  }

  @Override
  List<String> metastoreYaml(String node) {
    return JdbcYaml.of(urlFor(node), user(), password());
  }

  @Override
  Metastore openWatcher(String name) throws Exception {
    return JdbcMetastore.open(url(), user(), password(), name, Duration.ofSeconds(3));
  }
}
