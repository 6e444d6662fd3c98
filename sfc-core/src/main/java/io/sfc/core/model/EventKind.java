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
  /** A health check of the running instance reached its failure threshold. */
  UNHEALTHY,
  /** This node acquired a lease that another node held before. */
  FAILOVER,
  /**
   * Before a start under a new epoch, the service was stopped (or found absent) on another node.
   */
  FENCED,
  /** Fencing another node before a start failed. */
  FENCE_FAILED
}
