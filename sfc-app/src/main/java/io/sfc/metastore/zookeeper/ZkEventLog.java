package io.sfc.metastore.zookeeper;

import io.sfc.core.model.Event;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.zookeeper.ZkData.EventData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The event log as persistent sequential znodes; an event's time is its znode's creation time (the
 * ZooKeeper clock). The log keeps about the newest {@link #KEEP} events: every {@link
 * #TRIM_EVERY}th event this controller writes deletes older ones.
 */
final class ZkEventLog implements EventLog {
  static final int KEEP = 1000;
  private static final int TRIM_EVERY = 100;
  private static final int MAX_REASON = 1000;

  private final CuratorFramework client;
  private final ZkPaths paths;
  private final AtomicLong written = new AtomicLong();

  ZkEventLog(CuratorFramework client, ZkPaths paths) {
    this.client = client;
    this.paths = paths;
  }

  @Override
  public void record(Event e) throws MetastoreException {
    String kind = Objects.requireNonNull(e.kindName(), "kind");
    EventData data = new EventData(e.node(), e.service(), e.epoch(), kind, cut(e.reason()));
    ZkCalls.call(
        "record event",
        () -> {
          client
              .create()
              .withMode(CreateMode.PERSISTENT_SEQUENTIAL)
              .forPath(paths.event(), ZkData.write(data));
          if (written.incrementAndGet() % TRIM_EVERY == 0) {
            trim();
          }
          return null;
        });
  }

  @Override
  public List<Event> recent(int limit) throws MetastoreException {
    if (limit <= 0) {
      return List.of();
    }
    return ZkCalls.call("read events", () -> newest(limit));
  }

  private List<Event> newest(int limit) throws Exception {
    List<String> names = sortedNewestFirst();
    List<Event> events = new ArrayList<>();
    for (String name : names) {
      if (events.size() >= limit) {
        break;
      }
      Event e = event(paths.events() + "/" + name);
      if (e != null) {
        events.add(e);
      }
    }
    return events;
  }

  /** The event at {@code path}, or null when it was trimmed meanwhile or its kind is unknown. */
  private Event event(String path) throws Exception {
    Stat stat = new Stat();
    byte[] bytes;
    try {
      bytes = client.getData().storingStatIn(stat).forPath(path);
    } catch (KeeperException.NoNodeException trimmed) {
      return null;
    }
    EventData d = ZkData.read(bytes, EventData.class);
    Instant at = Instant.ofEpochMilli(stat.getCtime());
    return Event.stored(at, d.node(), d.service(), d.epoch(), d.kind(), d.reason());
  }

  private List<String> sortedNewestFirst() throws Exception {
    List<String> names = new ArrayList<>(client.getChildren().forPath(paths.events()));
    names.sort(Comparator.comparingLong(ZkEventLog::sequence).reversed());
    return names;
  }

  private void trim() throws Exception {
    List<String> names = sortedNewestFirst();
    for (String old : names.subList(Math.min(KEEP, names.size()), names.size())) {
      try {
        client.delete().forPath(paths.events() + "/" + old);
      } catch (KeeperException.NoNodeException e) {
        // trimmed by another node
      }
    }
  }

  private static long sequence(String path) {
    return Long.parseLong(path.substring(path.lastIndexOf('-') + 1));
  }

  private static String cut(String reason) {
    if (reason == null || reason.length() <= MAX_REASON) {
      return reason;
    }
    int end =
        Character.isHighSurrogate(reason.charAt(MAX_REASON - 1)) ? MAX_REASON - 1 : MAX_REASON;
    return reason.substring(0, end);
  }
}
