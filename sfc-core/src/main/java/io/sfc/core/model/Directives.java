package io.sfc.core.model;

/**
 * What operators have asked of one service, read from the metastore with the lease.
 *
 * @param paused true while the service (or the whole cluster) is in maintenance: controllers keep
 *     and renew their leases but start, stop, restart and relocate nothing
 * @param pausedBy who paused it, or null
 * @param switchover a pending planned switchover, or null
 */
public record Directives(boolean paused, String pausedBy, Switchover switchover) {

  /** No pause, no switchover. */
  public static final Directives NONE = new Directives(false, null, null);
}
