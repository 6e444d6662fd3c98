package io.sfc.core.model;

/** Kinds of entries in the event log. */
public enum EventKind {
  CONTROLLER_STARTED,
  CONTROLLER_STOPPED,
  ACQUIRED,
  LOST,
  RELEASED,
  SELF_FENCED,
  STARTED,
  STOPPED,
  CRASHED,
  STEPPED_DOWN,
  METASTORE_UNREACHABLE,
  /**
   * The metastore answered again after {@link #METASTORE_UNREACHABLE}; the reason says how long.
   */
  METASTORE_REACHABLE,
  /** A health check of the running instance reached its failure threshold. */
  UNHEALTHY,
  /**
   * This node acquired a lease whose previous holder (another node) let it expire or lost it
   * without releasing it: an unplanned move.
   */
  FAILOVER,
  /**
   * The controller did not run for a while (stopped, starved of CPU or paused), found from a gap in
   * monotonic time; a metastore call that fails right after it is blamed on the gap, not on the
   * metastore. The reason says how long.
   */
  CONTROLLER_STALLED,
  /** An operator paused the service (or the whole cluster); recorded by every node that sees it. */
  PAUSED,
  /** The pause ended; recorded by every node that sees it. */
  RESUMED,
  /** The holder saw a switchover request for its epoch and starts the hand-off. */
  SWITCHOVER_REQUESTED,
  /** The holder stopped its service and released the lease for a switchover. */
  HANDED_OFF,
  /** The switchover's target acquired the lease handed to it. */
  TOOK_OVER,
  /**
   * This node acquired a lease that another node had released (its controller shut down, it stepped
   * down): a planned move, not alerted as a failover.
   */
  HANDOVER,
  /**
   * Before a start under a new epoch, the service was stopped (or found absent) on another node.
   */
  FENCED,
  /** Fencing another node before a start failed. */
  FENCE_FAILED,
  /** The holder uploaded its service's state files after a planned stop. */
  STATE_UPLOADED,
  /**
   * Uploading the state files failed or was refused (recorded for every upload owed after a planned
   * stop, and once for a run of failed periodic uploads).
   */
  STATE_UPLOAD_FAILED,
  /** Before the first start under a new epoch, the stored state files were written in place. */
  STATE_RESTORED,
  /** Restoring the state files failed; the service starts with the files on the node. */
  STATE_RESTORE_FAILED,
  /**
   * The host that runs (or would run) the service cannot be reached: a start failed to connect, or
   * the connection to the running instance was lost. Not a crash.
   */
  PLACEMENT_UNREACHABLE,
  /**
   * A kind this version does not know (written by a newer controller during a rolling upgrade);
   * {@link Event#kindName()} holds the stored name.
   */
  UNKNOWN;

  /** The kind named {@code name}, or {@link #UNKNOWN} when this version has no such kind. */
  public static EventKind lookup(String name) {
    return EnumLookup.lookup(values(), name, UNKNOWN);
  }
}
