package io.sfc.metastore.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/**
 * The ZooKeeper clock: the leader stamps every write with its wall-clock time (a znode's mtime). A
 * write to the clock znode therefore reads "now" on the same clock that stamped the lease znodes,
 * and, being a write on this session, also makes the reads that follow it on this session see every
 * write committed before it.
 */
final class ZkClock {
  private static final byte[] EMPTY = new byte[0];

  private final CuratorFramework client;
  private final String path;

  ZkClock(CuratorFramework client, String path) {
    this.client = client;
    this.path = path;
  }

  /** Now, in epoch milliseconds on the ZooKeeper leader's clock. */
  long now() throws Exception {
    Stat stat = client.setData().forPath(path, EMPTY);
    return stat.getMtime();
  }
}
