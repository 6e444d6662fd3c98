package io.sfc.core.model;

/** What an alert is about. */
public enum AlertKind {
  CONTROLLER_STARTED,
  CONTROLLER_STOPPED,
  LEASE_ACQUIRED,
  LEASE_LOST,
  FAILOVER,
  RESTART,
  STEP_DOWN,
  FENCING_FAILED,
  METASTORE_UNREACHABLE,
  HEALTH_FAILED,
  /** The host that runs or would run a service cannot be reached. */
  PLACEMENT_UNREACHABLE,
  /** The holder's state files were not uploaded (after a planned stop, or periodically). */
  STATE_UPLOAD_FAILED,
  /** The state files could not be restored before a start; it started with the node's files. */
  STATE_RESTORE_FAILED,
  /** The controller did not run for a while (stopped, starved of CPU or paused). */
  CONTROLLER_STALLED,
  /** Sent by {@code sfc send-test-alert}. */
  TEST
}
