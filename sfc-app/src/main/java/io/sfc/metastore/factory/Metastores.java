package io.sfc.metastore.factory;

import io.sfc.config.SfcConfig;
import io.sfc.core.model.Timings;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.config.MetastoreConfig;
import io.sfc.metastore.etcd.EtcdMetastore;
import io.sfc.metastore.jdbc.JdbcMetastore;
import io.sfc.metastore.zookeeper.ZkMetastore;
import io.sfc.time.SystemTime;
import java.time.Duration;

/** Opens the configured metastore; shared by the controller, the CLI and the tests. */
public final class Metastores {
  private Metastores() {}

  /**
   * Opens the configured metastore with calls bounded by {@link #callTimeout(Timings)}. A ZooKeeper
   * session is asked for a timeout of {@code lease_ttl}.
   */
  public static Metastore open(SfcConfig config) throws MetastoreException {
    return open(config, callTimeout(config.timings()));
  }

  /**
   * Opens the configured metastore with calls (and the first connection) bounded by {@code call}.
   */
  public static Metastore open(SfcConfig config, Duration call) throws MetastoreException {
    MetastoreConfig m = config.metastore();
    String cluster = config.cluster();
    return switch (m.kind()) {
      case JDBC ->
          JdbcMetastore.open(m.jdbcUrl(), m.user(), m.password(), cluster, call, m.events());
      case ZOOKEEPER ->
          ZkMetastore.open(
              m.hosts(),
              m.root(),
              m.user(),
              m.password(),
              m.tls(),
              cluster,
              config.timings().leaseTtl(),
              call,
              m.events());
      case ETCD ->
          EtcdMetastore.open(
              m.endpoints(),
              m.user(),
              m.password(),
              m.tls(),
              cluster,
              call,
              m.events(),
              SystemTime.WALL);
    };
  }

  /**
   * The longest a single metastore call may take: twice the renew interval, but at most a third of
   * the renew deadline, so a hung call cannot eat the holder's whole deadline.
   */
  public static Duration callTimeout(Timings t) {
    Duration twice = t.renewInterval().multipliedBy(2);
    Duration third = t.renewDeadline().dividedBy(3);
    return twice.compareTo(third) < 0 ? twice : third;
  }
}
