package io.sfc.core.decide;

/** What the controller does with the lease in one loop. */
public enum LeaseAction {
  /** Nothing. */
  NONE,
  /** Try to take the free lease (conditional write). */
  ACQUIRE,
  /** Extend the held lease under its epoch (conditional write). */
  RENEW,
  /** Expire the held lease now so a standby takes it at once; the service is already stopped. */
  RELEASE,
  /** Like {@link #RELEASE}, for a planned switchover: the target takes the lease at once. */
  HAND_OFF,
  /** Like {@link #RELEASE}, then stay out of the election for the restart policy's cool-down. */
  STEP_DOWN,
  /** Forget the lease locally: the metastore says it is gone. No metastore write. */
  DROP,
  /** Forget the lease locally: no renewal succeeded before the local deadline. */
  SELF_FENCE;

  /** True when the action ends this node's hold on the lease. */
  public boolean endsHold() {
    return this == RELEASE
        || this == HAND_OFF
        || this == STEP_DOWN
        || this == DROP
        || this == SELF_FENCE;
  }
}
