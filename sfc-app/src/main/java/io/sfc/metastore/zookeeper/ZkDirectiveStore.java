package io.sfc.metastore.zookeeper;

import io.sfc.core.model.Directives;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.zookeeper.ZkData.SwitchoverData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Directives as persistent znodes: {@code pauses/scope} (data: who paused) and {@code
 * switchovers/service} (JSON request). A request's age is the ZooKeeper clock minus its znode's
 * mtime; {@link #clearSwitchover} deletes it conditionally on the version it read.
 */
final class ZkDirectiveStore implements DirectiveStore {
  private final CuratorFramework client;
  private final ZkPaths paths;
  private final ZkClock clock;

  ZkDirectiveStore(CuratorFramework client, ZkPaths paths, ZkClock clock) {
    this.client = client;
    this.paths = paths;
    this.clock = clock;
  }

  @Override
  public void pause(String scope, String by) throws MetastoreException {
    byte[] data = (by == null || by.isBlank() ? "unknown" : by).getBytes(StandardCharsets.UTF_8);
    String path = paths.pause(scope);
    ZkCalls.call(
        "pause " + scope,
        () -> client.create().orSetData().creatingParentsIfNeeded().forPath(path, data));
  }

  @Override
  public void resume(String scope) throws MetastoreException {
    ZkCalls.call("resume " + scope, () -> deleteIfExists(paths.pause(scope), -1));
  }

  @Override
  public void requestSwitchover(Switchover r) throws MetastoreException {
    byte[] data = ZkData.write(new SwitchoverData(r.from(), r.epoch(), r.to(), r.requestedBy()));
    String path = paths.switchover(r.service());
    ZkCalls.call(
        "request switchover of " + r.service(),
        () -> client.create().orSetData().creatingParentsIfNeeded().forPath(path, data));
  }

  @Override
  public void clearSwitchover(String service, long epoch) throws MetastoreException {
    ZkCalls.call("clear switchover of " + service, () -> clear(service, epoch));
  }

  private Void clear(String service, long epoch) throws Exception {
    Stat stat = new Stat();
    byte[] bytes = getData(paths.switchover(service), stat);
    if (bytes != null && ZkData.read(bytes, SwitchoverData.class).epoch() == epoch) {
      deleteIfExists(paths.switchover(service), stat.getVersion());
    }
    return null;
  }

  @Override
  public Directives read(String service) throws MetastoreException {
    return ZkCalls.call("read directives of " + service, () -> readNow(service));
  }

  private Directives readNow(String service) throws Exception {
    String servicePause = text(getData(paths.pause(service), new Stat()));
    String clusterPause = text(getData(paths.pause(ALL), new Stat()));
    Stat stat = new Stat();
    byte[] bytes = getData(paths.switchover(service), stat);
    Switchover switchover = null;
    if (bytes != null) {
      SwitchoverData d = ZkData.read(bytes, SwitchoverData.class);
      Duration age = Duration.ofMillis(Math.max(0, clock.now() - stat.getMtime()));
      switchover = new Switchover(service, d.from(), d.epoch(), d.to(), d.requestedBy(), age);
    }
    return Directives.of(servicePause, clusterPause, switchover);
  }

  /** The znode's data, or null when it does not exist. */
  private byte[] getData(String path, Stat stat) throws Exception {
    try {
      return client.getData().storingStatIn(stat).forPath(path);
    } catch (KeeperException.NoNodeException e) {
      return null;
    }
  }

  /** Deletes the znode at {@code version} (-1: any); a missing or changed znode is left alone. */
  private Void deleteIfExists(String path, int version) throws Exception {
    try {
      client.delete().withVersion(version).forPath(path);
    } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
      // already gone, or replaced by a newer request
    }
    return null;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
