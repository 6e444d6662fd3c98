package io.sfc.core.model;

import java.time.Instant;

/**
 * One entry of the event log.
 *
 * @param at when the metastore recorded it (its clock); null before it was stored
 * @param node node that recorded it
 * @param service service it concerns, or {@code "-"} for controller-wide events
 * @param epoch the epoch the node held (or last saw) when it happened; 0 if none
 * @param kind what happened
 * @param reason one human-readable line
 * @param kindName the kind as stored: {@code kind.name()}, or the raw name of a kind this version
 *     does not know (then {@code kind} is {@link EventKind#UNKNOWN})
 */
public record Event(
    Instant at,
    String node,
    String service,
    long epoch,
    EventKind kind,
    String reason,
    String kindName) {

  /** An event of a known kind. */
  public Event(Instant at, String node, String service, long epoch, EventKind kind, String reason) {
    this(at, node, service, epoch, kind, reason, kind == null ? null : kind.name());
  }

  /** An event read from the store, whose kind is looked up tolerantly by its stored name. */
  public static Event stored(
      Instant at, String node, String service, long epoch, String kindName, String reason) {
    return new Event(at, node, service, epoch, EventKind.lookup(kindName), reason, kindName);
  }

  /** A new event, not yet stored. */
  public static Event of(String node, String service, long epoch, EventKind kind, String reason) {
    return new Event(null, node, service, epoch, kind, reason);
  }
}
