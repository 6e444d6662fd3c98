package io.sfc.metastore.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.sfc.core.model.Event;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.EventRetention;
import io.sfc.metastore.etcd.EtcdData.EventValue;
import io.sfc.time.WallClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event log as keys under {@code events/}, read newest first by create revision. etcd has no
 * clock to read, so when an event was recorded is the writer's clock at the write (shown to people,
 * never used to decide); when it happened is the recording controller's dating, as on every
 * backend. The log keeps events as its {@link EventRetention} says: the newest {@code keep}, none
 * older than {@code max_age} by their writers' clocks, trimmed after some of the events this
 * controller writes.
 */
final class EtcdEventLog implements EventLog {
  /** Old events read per request while trimming by age. */
  private static final int PAGE = 100;

  private final Client client;
  private final EtcdKeys keys;
  private final EtcdCalls calls;
  private final AtomicLong written = new AtomicLong();
  private final EventRetention retention;
  private final WallClock wall;

  EtcdEventLog(
      Client client, EtcdKeys keys, EtcdCalls calls, EventRetention retention, WallClock wall) {
    this.client = client;
    this.keys = keys;
    this.calls = calls;
    this.retention = retention;
    this.wall = wall;
  }

  @Override
  public void record(Event e) throws MetastoreException {
    String kind = Objects.requireNonNull(e.kindName(), "kind");
    Long occurred = e.occurredAt() == null ? null : e.occurredAt().toEpochMilli();
    Long delay = e.occurredAt() == null ? null : e.delayMs();
    String reason = EtcdData.cut(e.reason());
    EventValue v =
        new EventValue(
            wall.millis(), e.node(), e.service(), e.epoch(), kind, reason, occurred, delay);
    ByteSequence key = keys.event(UUID.randomUUID().toString());
    calls.await(
        "record event", client.getKVClient().put(key, EtcdData.write(v), PutOption.DEFAULT));
    if (retention.trimAfter(written.incrementAndGet())) {
      trim();
      trimOlderThan(v.atMs() - retention.maxAge().toMillis());
    }
  }

  /** Deletes the events beyond the newest {@code keep}, oldest first. */
  private void trim() throws MetastoreException {
    GetOption count = GetOption.builder().isPrefix(true).withCountOnly(true).build();
    long total =
        calls
            .await("count events", client.getKVClient().get(keys.eventsPrefix(), count))
            .getCount();
    if (total <= retention.keep()) {
      return;
    }
    GetOption oldest =
        GetOption.builder()
            .isPrefix(true)
            .withKeysOnly(true)
            .withSortField(GetOption.SortTarget.CREATE)
            .withSortOrder(GetOption.SortOrder.ASCEND)
            .withLimit(total - retention.keep())
            .build();
    List<KeyValue> old =
        calls
            .await("list old events", client.getKVClient().get(keys.eventsPrefix(), oldest))
            .getKvs();
    for (KeyValue kv : old) {
      calls.await("trim events", client.getKVClient().delete(kv.getKey()));
    }
  }

  /** Deletes, oldest first, the events written before {@code cutoffMs}, up to a younger one. */
  private void trimOlderThan(long cutoffMs) throws MetastoreException {
    GetOption oldest =
        GetOption.builder()
            .isPrefix(true)
            .withSortField(GetOption.SortTarget.CREATE)
            .withSortOrder(GetOption.SortOrder.ASCEND)
            .withLimit(PAGE)
            .build();
    for (int page = 0; page <= retention.keep() / PAGE; page++) {
      List<KeyValue> kvs =
          calls
              .await("list old events", client.getKVClient().get(keys.eventsPrefix(), oldest))
              .getKvs();
      for (KeyValue kv : kvs) {
        if (EtcdData.read(kv.getValue(), EventValue.class).atMs() >= cutoffMs) {
          return;
        }
        calls.await("trim events", client.getKVClient().delete(kv.getKey()));
      }
      if (kvs.size() < PAGE) {
        return;
      }
    }
  }

  @Override
  public List<Event> recent(int limit) throws MetastoreException {
    if (limit <= 0) {
      return List.of();
    }
    GetOption newest =
        GetOption.builder()
            .isPrefix(true)
            .withSortField(GetOption.SortTarget.CREATE)
            .withSortOrder(GetOption.SortOrder.DESCEND)
            .withLimit(limit)
            .build();
    List<KeyValue> kvs =
        calls.await("read events", client.getKVClient().get(keys.eventsPrefix(), newest)).getKvs();
    List<Event> events = new ArrayList<>();
    for (KeyValue kv : kvs) {
      EventValue v = EtcdData.read(kv.getValue(), EventValue.class);
      events.add(
          Event.stored(
              Instant.ofEpochMilli(v.atMs()),
              v.occurredMs() == null ? null : Instant.ofEpochMilli(v.occurredMs()),
              v.delayMs() == null ? 0 : v.delayMs(),
              v.node(),
              v.service(),
              v.epoch(),
              v.kind(),
              v.reason()));
    }
    return Event.newestFirst(events);
  }
}
