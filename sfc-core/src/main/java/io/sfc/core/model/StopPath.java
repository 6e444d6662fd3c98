package io.sfc.core.model;

/**
 * Why a service instance is stopped, which decides how long it may take between its stop signal and
 * KILL.
 */
public enum StopPath {
  /**
   * A planned stop while the lease is held and renewed: a switchover, a shutdown of the controller,
   * a restart after a failed health check. It may take the service's {@code stop_timeout}, of any
   * length: no other node can acquire the lease meanwhile. The watchdog still holds the instance to
   * the renewals, so if they stop during the planned stop, it ends as a {@link #DEADLINE} stop.
   */
  PLANNED,

  /**
   * The holder could not renew in time, lost the lease, or its controller went away: the instance
   * must be gone before the lease can expire, so it gets the {@code deadline_stop_timeout} that the
   * safety rule {@code renew_deadline + deadline_stop_timeout + safety_margin < lease_ttl} bounds.
   */
  DEADLINE
}
