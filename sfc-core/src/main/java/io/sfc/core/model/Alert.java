package io.sfc.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification for people, derived from an {@link Event}.
 *
 * @param kind what it is about
 * @param cluster cluster name
 * @param node node that saw it
 * @param service service it concerns, or {@code "-"} for controller-wide alerts
 * @param epoch lease epoch at the time, or 0
 * @param message one human-readable line (the event's reason)
 * @param at wall-clock time it was raised
 */
public record Alert(
    AlertKind kind,
    String cluster,
    String node,
    String service,
    long epoch,
    String message,
    Instant at) {

  public Alert {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }

  /** A one-line summary such as {@code RESTART sched on master-1: service exited with status 1}. */
  public String summary() {
    String where = "-".equals(service) ? "" : " " + service;
    return kind + where + " on " + node + ": " + message;
  }
}
