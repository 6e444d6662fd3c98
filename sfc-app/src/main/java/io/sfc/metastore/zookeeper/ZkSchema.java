package io.sfc.metastore.zookeeper;

import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.SchemaVersion;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The schema version of one cluster's znodes, in {@code root/cluster/schema}. Layouts written
 * before versions were recorded have no such znode: they are version 1, and the znode is created.
 */
final class ZkSchema {
  /** The newest layout this sfc writes. */
  static final int CURRENT = 1;

  private final CuratorFramework client;
  private final ZkPaths paths;
  private final String where;

  ZkSchema(CuratorFramework client, ZkPaths paths, String where) {
    this.client = client;
    this.paths = paths;
    this.where = where;
  }

  /**
   * Refuses a layout of a newer sfc, before anything is written.
   *
   * @throws MetastoreException (rejected) when the recorded version is newer than {@link #CURRENT}
   */
  void check() throws MetastoreException {
    String text = ZkCalls.call("read the schema version", this::read);
    if (text != null) {
      SchemaVersion.check(where, SchemaVersion.parse(where, text), CURRENT);
    }
  }

  /** Records {@link #CURRENT} when the layout has no version yet or an older one. */
  void stamp() throws MetastoreException {
    ZkCalls.call("record the schema version", this::write);
  }

  private String read() throws Exception {
    try {
      return new String(client.getData().forPath(paths.schema()), StandardCharsets.UTF_8);
    } catch (KeeperException.NoNodeException e) {
      return null;
    }
  }

  private Void write() throws Exception {
    byte[] current = Integer.toString(CURRENT).getBytes(StandardCharsets.UTF_8);
    Stat stat = new Stat();
    try {
      byte[] data = client.getData().storingStatIn(stat).forPath(paths.schema());
      int found = SchemaVersion.parse(where, new String(data, StandardCharsets.UTF_8));
      SchemaVersion.check(where, found, CURRENT);
      if (found < CURRENT) {
        client.setData().withVersion(stat.getVersion()).forPath(paths.schema(), current);
      }
    } catch (KeeperException.BadVersionException raced) {
      return null; // another controller recorded a version meanwhile; checked at its next open
    } catch (KeeperException.NoNodeException e) {
      try {
        client.create().forPath(paths.schema(), current);
      } catch (KeeperException.NodeExistsException raced) {
        return write();
      }
    }
    return null;
  }
}
