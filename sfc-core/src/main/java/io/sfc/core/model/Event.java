package io.sfc.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One entry of the event log. It carries two times: when it happened on the recording controller
 * ({@code occurredAt}) and when the metastore stored it ({@code at}, the metastore's clock). They
 * differ when the event waited in the controller's queue, as every event does that is recorded
 * while the metastore is unreachable: such an event is written after the outage, but dated by when
 * it happened.
 *
 * @param at when the metastore recorded it (its clock); null before it was stored
 * @param node node that recorded it
 * @param service service it concerns, or {@code "-"} for controller-wide events
 * @param epoch the epoch the node held (or last saw) when it happened; 0 if none
 * @param kind what happened
 * @param reason one human-readable line
 * @param kindName the kind as stored: {@code kind.name()}, or the raw name of a kind this version
 *     does not know (then {@code kind} is {@link EventKind#UNKNOWN})
 * @param occurredAt when it happened, on the recording controller's wall clock, dated back from the
 *     write by the time it waited as measured on that controller's monotonic clock; for an event
 *     stored by an sfc that recorded one time only, {@code at}; null before it was dated
 * @param delayMs how long it waited between happening and being written, on the recording
 *     controller's monotonic clock; 0 when not known (an event stored by an older sfc)
 */
public record Event(
    Instant at,
    String node,
    String service,
    long epoch,
    EventKind kind,
    String reason,
    String kindName,
    Instant occurredAt,
    long delayMs) {

  /** An event written more than this long after it happened is shown as recorded late. */
  public static final Duration LATE = Duration.ofSeconds(1);

  /**
   * Newest first by when they happened; events of one instant keep their order (sort with a stable
   * sort, such as {@link List#sort}).
   */
  public static final Comparator<Event> NEWEST_FIRST =
      Comparator.comparing(Event::when, Comparator.nullsFirst(Comparator.reverseOrder()));

  /** An event of any kind whose only time, if any, is {@code at}. */
  public Event(
      Instant at,
      String node,
      String service,
      long epoch,
      EventKind kind,
      String reason,
      String kindName) {
    this(at, node, service, epoch, kind, reason, kindName, at, 0);
  }

  /** An event of a known kind. */
  public Event(Instant at, String node, String service, long epoch, EventKind kind, String reason) {
    this(at, node, service, epoch, kind, reason, kind == null ? null : kind.name());
  }

  /** An event read from the store, whose kind is looked up tolerantly by its stored name. */
  public static Event stored(
      Instant at, String node, String service, long epoch, String kindName, String reason) {
    return stored(at, null, 0, node, service, epoch, kindName, reason);
  }

  /**
   * An event read from the store with both its times; a null {@code occurredAt} (written by an sfc
   * that stored one time only) reads as {@code at}.
   */
  public static Event stored(
      Instant at,
      Instant occurredAt,
      long delayMs,
      String node,
      String service,
      long epoch,
      String kindName,
      String reason) {
    Instant occurred = occurredAt == null ? at : occurredAt;
    long delay = Math.max(0, delayMs);
    EventKind kind = EventKind.lookup(kindName);
    return new Event(at, node, service, epoch, kind, reason, kindName, occurred, delay);
  }

  /** A new event, not yet dated nor stored. */
  public static Event of(String node, String service, long epoch, EventKind kind, String reason) {
    return new Event(null, node, service, epoch, kind, reason);
  }

  /**
   * This event dated: it happened at {@code occurredAt} and waited {@code delayMs} to be written.
   */
  public Event dated(Instant occurredAt, long delayMs) {
    return new Event(at, node, service, epoch, kind, reason, kindName, occurredAt, delayMs);
  }

  /** When it happened where known, else when it was recorded (null for neither). */
  public Instant when() {
    return occurredAt != null ? occurredAt : at;
  }

  /** Whether it was written more than {@link #LATE} after it happened. */
  public boolean late() {
    return delayMs > LATE.toMillis();
  }

  /** Whether its two times are both known and more than {@link #LATE} apart. */
  public boolean timesDiffer() {
    return at != null
        && occurredAt != null
        && Duration.between(occurredAt, at).abs().compareTo(LATE) > 0;
  }

  /** {@code events} (any order) newest first by when they happened: see {@link #NEWEST_FIRST}. */
  public static List<Event> newestFirst(List<Event> events) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(NEWEST_FIRST);
    return sorted;
  }
}
