package io.sfc.core.sim;

/** The faults a run injects, one episode at a time (plus start-up, measured like a fault). */
enum FaultKind {
  /** Not a fault: the first start of the cluster. */
  STARTUP,
  /** A controller's JVM dies (its shims see EOF) and restarts later with a fresh state. */
  CONTROLLER_CRASH,
  /** A controller's JVM is frozen (GC, SIGSTOP) while its shims keep their own timers. */
  CONTROLLER_PAUSE,
  /** A node cannot reach the metastore. */
  PARTITION,
  /** No node can reach the metastore. */
  METASTORE_OUTAGE,
  /** The holder is partitioned and its service ignores TERM, so it dies only at the KILL. */
  HUNG_STOP,
  /** The service exits by itself; sometimes repeatedly (crash loop). Counted per crash. */
  SERVICE_CRASH,
  /** A node's or the metastore's clock changes its rate, within the drift bound. */
  CLOCK_DRIFT,
  /** Not a fault: an operator pauses the service (or all), maybe it crashes, then resumes it. */
  MAINTENANCE_PAUSE,
  /** Not a fault: an operator asks the holder to hand the service to another node. */
  SWITCHOVER,
  /**
   * A node's target host (remote placement) cannot be reached: its starts fail as unreachable and
   * the channels to its instances are lost silently (each runs until its shim's budget is spent).
   */
  TARGET_UNREACHABLE
}
