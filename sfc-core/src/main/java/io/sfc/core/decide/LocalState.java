package io.sfc.core.decide;

import io.sfc.core.model.Lease;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a controller knows about one service that the metastore does not: the lease it holds,
 * when it last renewed, its local instance and its crash history. Immutable; the controller
 * replaces it after every action. Times are monotonic-clock nanoseconds.
 *
 * @param lease the lease held, or null
 * @param renewSentAt instant before the last successful acquisition or renewal was sent
 * @param lastRenewAttempt instant the last renewal attempt was sent (successful or not)
 * @param service local instance state
 * @param pid local instance pid, or 0
 * @param crashTimes instants of recent crashes, oldest first
 * @param cooldownUntil end of the step-down cool-down, or {@link Long#MIN_VALUE}
 * @param shuttingDown true once a graceful shutdown was requested
 */
public record LocalState(
    Lease lease,
    long renewSentAt,
    long lastRenewAttempt,
    ServiceState service,
    long pid,
    List<Long> crashTimes,
    long cooldownUntil,
    boolean shuttingDown) {

  public LocalState {
    crashTimes = List.copyOf(crashTimes);
  }

  /** A controller that just started: no lease, nothing running. */
  public static LocalState initial() {
    return new LocalState(null, 0, 0, ServiceState.STOPPED, 0, List.of(), Long.MIN_VALUE, false);
  }

  public boolean holding() {
    return lease != null;
  }

  public long epoch() {
    return lease == null ? 0 : lease.epoch();
  }

  /** The role shown in status, derived from the state. */
  public Role role(long now) {
    if (holding()) {
      return Role.LEADER;
    }
    if (shuttingDown) {
      return Role.SHUTDOWN;
    }
    return now < cooldownUntil ? Role.COOLDOWN : Role.STANDBY;
  }

  /** Number of crashes at or after {@code since}. */
  public int crashesSince(long since) {
    return (int) crashTimes.stream().filter(t -> t >= since).count();
  }

  public LocalState withLease(Lease l, long sentAt) {
    return new LocalState(l, sentAt, sentAt, service, pid, crashTimes, cooldownUntil, shuttingDown);
  }

  public LocalState renewed(long sentAt) {
    return new LocalState(
        lease, sentAt, sentAt, service, pid, crashTimes, cooldownUntil, shuttingDown);
  }

  public LocalState renewAttempted(long sentAt) {
    return new LocalState(
        lease, renewSentAt, sentAt, service, pid, crashTimes, cooldownUntil, shuttingDown);
  }

  public LocalState withoutLease() {
    return new LocalState(null, 0, 0, service, pid, crashTimes, cooldownUntil, shuttingDown);
  }

  public LocalState withService(ServiceState s, long newPid) {
    return new LocalState(
        lease, renewSentAt, lastRenewAttempt, s, newPid, crashTimes, cooldownUntil, shuttingDown);
  }

  /** Records a crash at {@code now}, keeping only crashes after {@code keepSince}. */
  public LocalState crashed(long now, long keepSince) {
    List<Long> kept = new ArrayList<>();
    for (long t : crashTimes) {
      if (t >= keepSince) {
        kept.add(t);
      }
    }
    kept.add(now);
    return new LocalState(
        lease,
        renewSentAt,
        lastRenewAttempt,
        ServiceState.STOPPED,
        0,
        kept,
        cooldownUntil,
        shuttingDown);
  }

  /** Enters the cool-down until {@code until}, forgetting the crash history. */
  public LocalState coolingDownUntil(long until) {
    return new LocalState(
        lease, renewSentAt, lastRenewAttempt, service, pid, List.of(), until, shuttingDown);
  }

  public LocalState withShutdownRequested() {
    return new LocalState(
        lease, renewSentAt, lastRenewAttempt, service, pid, crashTimes, cooldownUntil, true);
  }
}
