package io.sfc.metastore.zookeeper;

import io.sfc.core.port.ChangeWatch;
import io.sfc.metastore.WatchedKeys;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.WatcherRemoveCuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hints from persistent recursive ZooKeeper watches on the cluster's {@code leases}, {@code pauses}
 * and {@code switchovers} znodes (not on the event log or the member reports). The ZooKeeper client
 * re-registers them after a reconnection within the session; after a new session (or any
 * reconnection) they are added again on the watch thread. Once they are (re-)established every
 * service is hinted, since changes may have been missed meanwhile. A lease znode whose data changed
 * was renewed by its holder: no hint.
 */
final class ZkChangeWatch implements ChangeWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ZkChangeWatch.class);
  private static final long RETRY_MS = 1_000;

  private final WatcherRemoveCuratorFramework client;
  private final ZkPaths paths;
  private final ScheduledExecutorService executor;
  private final Watcher watcher = this::onEvent;
  private final ConnectionStateListener reconnects = (c, state) -> onState(state);
  private volatile Hints hints;
  private volatile boolean closed;

  ZkChangeWatch(CuratorFramework client, ZkPaths paths, ScheduledExecutorService executor) {
    this.client = client.newWatcherRemoveCuratorFramework();
    this.paths = paths;
    this.executor = executor;
  }

  @Override
  public void start(Hints hints) {
    this.hints = hints;
    client.getConnectionStateListenable().addListener(reconnects, executor);
    executor.execute(this::addWatches);
  }

  @Override
  public boolean delivers() {
    return true;
  }

  /** Adds the three watches (again: adding an existing one changes nothing); retries on failure. */
  private void addWatches() {
    if (closed) {
      return;
    }
    try {
      for (String path : List.of(paths.leases(), paths.pauses(), paths.switchovers())) {
        client
            .watchers()
            .add()
            .withMode(AddWatchMode.PERSISTENT_RECURSIVE)
            .usingWatcher(watcher)
            .forPath(path);
      }
      hint(ChangeWatch.ALL); // a change before the watches were (re-)established was missed
    } catch (Exception e) {
      LOG.warn(
          "cannot watch ZooKeeper for changes ({}); polling meanwhile, retrying", e.toString());
      schedule(this::addWatches, RETRY_MS);
    }
  }

  private void onState(ConnectionState state) {
    if (state == ConnectionState.RECONNECTED) {
      addWatches();
    }
  }

  /** On the ZooKeeper event thread: turn the changed path into a hint, without blocking. */
  private void onEvent(WatchedEvent e) {
    String path = e.getPath();
    if (path == null || !path.startsWith(paths.base() + "/")) {
      return;
    }
    String relative = path.substring(paths.base().length() + 1);
    boolean renewal =
        e.getType() == Watcher.Event.EventType.NodeDataChanged && relative.startsWith("leases/");
    String service = renewal ? null : WatchedKeys.serviceOf(relative);
    if (service != null) {
      hint(service);
    }
  }

  private void hint(String service) {
    Hints h = hints;
    if (h != null && !closed) {
      h.changed(service);
    }
  }

  private void schedule(Runnable task, long delayMs) {
    try {
      executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  @Override
  public void close() {
    closed = true;
    client.getConnectionStateListenable().removeListener(reconnects);
    client.removeWatchers();
  }
}
