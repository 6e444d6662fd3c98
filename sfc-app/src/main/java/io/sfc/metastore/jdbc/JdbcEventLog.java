package io.sfc.metastore.jdbc;

import io.sfc.core.model.Event;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.EventRetention;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event log in table {@code sfc_event}: {@code at_ms} is when the row was written, on the
 * database clock; {@code occurred_ms} and {@code delay_ms} are when the event happened and how long
 * it waited, as the recording controller dated it (null in rows of an older sfc, which then read as
 * having happened when written). Like the ZooKeeper and etcd logs it keeps events as its {@link
 * EventRetention} says: the newest {@code keep} of its cluster, none older than {@code max_age} on
 * the database clock, trimmed after some of the events this controller writes.
 */
final class JdbcEventLog implements EventLog {
  /** Longest reason stored; longer ones are cut. */
  static final int MAX_REASON = 1000;

  private final Db db;
  private final String cluster;
  private final String insert;
  private final String recent;
  private final AtomicLong written = new AtomicLong();
  private final EventRetention retention;
  private final String deleteOld;
  private final boolean times;

  /**
   * @param times whether the table has the columns {@code occurred_ms} and {@code delay_ms};
   *     without them (a user that may not add them) events are stored and read with one time only
   */
  JdbcEventLog(Db db, String cluster, EventRetention retention, boolean times) {
    this.db = db;
    this.cluster = cluster;
    this.retention = retention;
    this.times = times;
    this.deleteOld =
        db.dialect().sql("DELETE FROM sfc_event WHERE cluster = ? AND at_ms < {now} - ?");
    String timeColumns = times ? ", occurred_ms, delay_ms" : "";
    this.insert =
        db.dialect()
            .sql(
                "INSERT INTO sfc_event (at_ms, cluster, node, service, epoch, kind, reason"
                    + timeColumns
                    + ") VALUES ({now}, ?, ?, ?, ?, ?, ?"
                    + (times ? ", ?, ?)" : ")"));
    this.recent =
        "SELECT at_ms, node, service, epoch, kind, reason"
            + timeColumns
            + " FROM sfc_event WHERE cluster = ? ORDER BY id DESC LIMIT ?";
  }

  @Override
  public void record(Event e) throws MetastoreException {
    String kind = Objects.requireNonNull(e.kindName(), "kind");
    List<Object> args =
        new ArrayList<>(
            java.util.Arrays.asList(
                cluster, e.node(), e.service(), e.epoch(), kind, truncate(e.reason())));
    if (times) {
      boolean dated = e.occurredAt() != null;
      args.add(dated ? e.occurredAt().toEpochMilli() : Db.NULL_BIGINT);
      args.add(dated ? e.delayMs() : Db.NULL_BIGINT);
    }
    db.call(c -> db.update(c, insert, args.toArray()));
    if (retention.trimAfter(written.incrementAndGet())) {
      trim();
    }
  }

  /** Deletes the events of this cluster older than its newest {@code keep} or than max_age. */
  private void trim() throws MetastoreException {
    long maxAgeMs = retention.maxAge().toMillis();
    db.call(c -> db.update(c, deleteOld, cluster, maxAgeMs));
    String newestDropped =
        "SELECT id FROM sfc_event WHERE cluster = ? ORDER BY id DESC LIMIT 1 OFFSET "
            + retention.keep();
    String delete = "DELETE FROM sfc_event WHERE cluster = ? AND id <= ?";
    List<Long> ids = db.call(c -> db.query(c, newestDropped, rs -> rs.getLong(1), cluster));
    if (!ids.isEmpty()) {
      db.call(c -> db.update(c, delete, cluster, ids.get(0)));
    }
  }

  @Override
  public List<Event> recent(int limit) throws MetastoreException {
    if (limit <= 0) {
      return List.of();
    }
    List<Event> rows = db.call(c -> db.query(c, recent, this::event, cluster, (long) limit));
    return Event.newestFirst(rows.stream().filter(Objects::nonNull).toList());
  }

  /** The event in the current row; a kind unknown to this version is kept by its raw name. */
  private Event event(ResultSet rs) throws SQLException {
    Instant occurredAt = null;
    long delayMs = 0;
    if (times) {
      long occurred = rs.getLong(7);
      occurredAt = rs.wasNull() ? null : Instant.ofEpochMilli(occurred);
      delayMs = rs.getLong(8);
    }
    return Event.stored(
        Instant.ofEpochMilli(rs.getLong(1)),
        occurredAt,
        delayMs,
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6));
  }

  /** {@code reason} cut to {@link #MAX_REASON} characters, never inside a surrogate pair. */
  static String truncate(String reason) {
    if (reason == null || reason.length() <= MAX_REASON) {
      return reason;
    }
    int end = MAX_REASON;
    if (Character.isHighSurrogate(reason.charAt(end - 1))) {
      end--;
    }
    return reason.substring(0, end);
  }
}
