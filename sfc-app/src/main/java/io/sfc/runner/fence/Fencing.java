package io.sfc.runner.fence;

/** What to do before a start under a new epoch. */
public enum Fencing {
  /** Start without fencing the other nodes. */
  OFF,
  /** Fence the nodes that can be fenced, and start even when some could not. */
  BEST_EFFORT,
  /** Refuse to start unless every other node was fenced (or proved to run nothing). */
  REQUIRED
}
