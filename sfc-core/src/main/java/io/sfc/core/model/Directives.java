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

  /**
   * The directives of a service from what a metastore stores.
   *
   * @param servicePausedBy who paused the service itself, or null when it is not paused
   * @param clusterPausedBy who paused the whole cluster, or null when it is not paused
   * @param switchover the pending switchover request, or null
   */
  public static Directives of(
      String servicePausedBy, String clusterPausedBy, Switchover switchover) {
    String by = servicePausedBy != null ? servicePausedBy : clusterPausedBy;
    return new Directives(by != null, by, switchover);
  }
}
