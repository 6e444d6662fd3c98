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
  /** Like {@link #RELEASE}, then stay out of the election for the restart policy's cool-down. */
  STEP_DOWN,
  /** Forget the lease locally: it was lost or the local deadline passed. No metastore write. */
  DROP;

  /** True when the action ends this node's hold on the lease. */
  public boolean endsHold() {
    return this == RELEASE || this == STEP_DOWN || this == DROP;
  }
}
