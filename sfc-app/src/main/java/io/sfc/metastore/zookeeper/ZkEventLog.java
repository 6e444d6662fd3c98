package io.sfc.metastore.zookeeper;

import io.sfc.core.model.Event;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.EventRetention;
import io.sfc.metastore.zookeeper.ZkData.EventData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The event log as persistent sequential znodes; when an event was recorded is its znode's creation
 * time (the ZooKeeper clock), when it happened is in its data. The log keeps events as its {@link
 * EventRetention} says: the newest {@code keep}, none older than {@code max_age} by the ZooKeeper
 * clock (the new event's ctime), trimmed after some of the events this controller writes.
 */
final class ZkEventLog implements EventLog {
  private static final int MAX_REASON = 1000;

  private final CuratorFramework client;
  private final ZkPaths paths;
  private final AtomicLong written = new AtomicLong();
  private final EventRetention retention;

  ZkEventLog(CuratorFramework client, ZkPaths paths, EventRetention retention) {
    this.client = client;
    this.paths = paths;
    this.retention = retention;
  }

  @Override
  public void record(Event e) throws MetastoreException {
    String kind = Objects.requireNonNull(e.kindName(), "kind");
    Long occurred = e.occurredAt() == null ? null : e.occurredAt().toEpochMilli();
    Long delay = e.occurredAt() == null ? null : e.delayMs();
    EventData data =
        new EventData(e.node(), e.service(), e.epoch(), kind, cut(e.reason()), occurred, delay);
    ZkCalls.call(
        "record event",
        () -> {
          Stat created = new Stat();
          client
              .create()
              .storingStatIn(created)
              .withMode(CreateMode.PERSISTENT_SEQUENTIAL)
              .forPath(paths.event(), ZkData.write(data));
          if (retention.trimAfter(written.incrementAndGet())) {
            trim(created.getCtime() - retention.maxAge().toMillis());
          }
          return null;
        });
  }

  @Override
  public List<Event> recent(int limit) throws MetastoreException {
    if (limit <= 0) {
      return List.of();
    }
    return Event.newestFirst(ZkCalls.call("read events", () -> newest(limit)));
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
    Instant occurred = d.occurredMs() == null ? null : Instant.ofEpochMilli(d.occurredMs());
    long delay = d.delayMs() == null ? 0 : d.delayMs();
    return Event.stored(
        at, occurred, delay, d.node(), d.service(), d.epoch(), d.kind(), d.reason());
  }

  private List<String> sortedNewestFirst() throws Exception {
    List<String> names = new ArrayList<>(client.getChildren().forPath(paths.events()));
    names.sort(Comparator.comparingLong(ZkEventLog::sequence).reversed());
    return names;
  }

  /**
   * Deletes the events beyond the newest {@code keep}, then, oldest first, those created before
   * {@code cutoffMs}, up to the first younger one (sequence order is creation order).
   */
  private void trim(long cutoffMs) throws Exception {
    List<String> names = sortedNewestFirst();
    int keep = Math.min(retention.keep(), names.size());
    for (String old : names.subList(keep, names.size())) {
      delete(old);
    }
    List<String> kept = new ArrayList<>(names.subList(0, keep));
    Collections.reverse(kept);
    for (String old : kept) {
      Stat stat = client.checkExists().forPath(paths.events() + "/" + old);
      if (stat != null && stat.getCtime() >= cutoffMs) {
        return;
      }
      delete(old);
    }
  }

  private void delete(String name) throws Exception {
    try {
      client.delete().forPath(paths.events() + "/" + name);
    } catch (KeeperException.NoNodeException e) {
      // trimmed by another node
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
