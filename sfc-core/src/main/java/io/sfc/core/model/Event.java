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
 */
public record Event(
    Instant at, String node, String service, long epoch, EventKind kind, String reason) {

  /** A new event, not yet stored. */
  public static Event of(String node, String service, long epoch, EventKind kind, String reason) {
    return new Event(null, node, service, epoch, kind, reason);
  }
}
