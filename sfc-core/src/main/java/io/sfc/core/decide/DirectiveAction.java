package io.sfc.core.decide;

/** What the controller does with the operator directives in one loop. */
public enum DirectiveAction {
  /** Nothing. */
  NONE,
  /**
   * Remove the switchover request of an older epoch: the holder of a newer epoch knows that the
   * holder the request concerned has acted on it (or lost the lease).
   */
  CLEAR_SWITCHOVER
}
