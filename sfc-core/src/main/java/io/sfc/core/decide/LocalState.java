package io.sfc.core.decide;

import io.sfc.core.model.Lease;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.StopPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a controller knows about one service that the metastore does not: the lease it holds,
 * when it last renewed, its local instance and its crash history. Immutable; the controller
 * replaces it after every action and outcome. Times are monotonic-clock nanoseconds.
 *
 * @param lease the lease held, or null
 * @param renewSentAt instant before the last successful acquisition or renewal was sent
 * @param lastRenewAttempt instant the last renewal attempt was sent (successful or not)
 * @param instance the local instance: its lifecycle, held only here
 * @param crashTimes instants of recent crashes, oldest first
 * @param cooldownUntil end of the step-down cool-down, or {@link Long#MIN_VALUE}
 * @param shuttingDown true once a graceful shutdown was requested
 * @param sync the uploads of the service's state files
 */
public record LocalState(
    Lease lease,
    long renewSentAt,
    long lastRenewAttempt,
    Instance instance,
    List<Long> crashTimes,
    long cooldownUntil,
    boolean shuttingDown,
    StateSync sync) {

  /**
   * The local instance of the service. {@code id} numbers the starts of this controller, so that a
   * callback of an earlier instance (a late exit, a late start) is recognised and ignored.
   *
   * @param id number of the latest start, 0 before the first
   * @param epoch the lease epoch the instance was started under
   * @param service its state; {@link ServiceState#STOPPING} also means "a stop was requested"
   * @param pid its pid, or 0
   * @param unhealthyReason why a health check stopped it, or null
   * @param stopPath the path of the stop requested last, or null while none was
   * @param unreachable why its start failed because its target host cannot be reached (the instance
   *     is then {@link ServiceState#STOPPED}), or null
   */
  public record Instance(
      long id,
      long epoch,
      ServiceState service,
      long pid,
      String unhealthyReason,
      StopPath stopPath,
      String unreachable) {

    static final Instance NONE = new Instance(0, 0, ServiceState.STOPPED, 0, null, null, null);

    /** An instance whose target was reachable as far as this controller knows. */
    public Instance(
        long id,
        long epoch,
        ServiceState service,
        long pid,
        String unhealthyReason,
        StopPath stopPath) {
      this(id, epoch, service, pid, unhealthyReason, stopPath, null);
    }

    Instance reachable() {
      return new Instance(id, epoch, service, pid, unhealthyReason, stopPath, null);
    }

    Instance with(ServiceState s, long newPid) {
      return new Instance(id, epoch, s, newPid, unhealthyReason, stopPath, unreachable);
    }

    /** True when {@code outcomeId} names this instance and it may still run. */
    public boolean is(long outcomeId) {
      return outcomeId == id && service.mayRun();
    }
  }

  public LocalState {
    crashTimes = List.copyOf(crashTimes);
  }

  /** A controller that just started: no lease, nothing running. */
  public static LocalState initial() {
    return new LocalState(
        null, 0, 0, Instance.NONE, List.of(), Long.MIN_VALUE, false, StateSync.IDLE);
  }

  public boolean holding() {
    return lease != null;
  }

  public long epoch() {
    return lease == null ? 0 : lease.epoch();
  }

  /** Local instance state. */
  public ServiceState service() {
    return instance.service();
  }

  /** Local instance pid, or 0. */
  public long pid() {
    return instance.pid();
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

  /** This state as {@code node}'s member report for {@code service} at {@code now}. */
  public MemberReport report(String node, String service, long now, String reason) {
    return new MemberReport(
        node, service, role(now), epoch(), service(), pid(), reason, Duration.ZERO);
  }

  /** Number of crashes at or after {@code since}. */
  public int crashesSince(long since) {
    return (int) crashTimes.stream().filter(t -> t >= since).count();
  }

  /** Watchdog budget left at {@code now}: until the local deadline of the last renewal. */
  public long budgetLeft(long now, long renewDeadlineNanos) {
    return renewSentAt + renewDeadlineNanos - now;
  }

  /** A new hold: the target is tried again, whatever an earlier hold found of it. */
  public LocalState withLease(Lease l, long sentAt) {
    Instance i = instance.unreachable() == null ? instance : instance.reachable();
    return new LocalState(l, sentAt, sentAt, i, crashTimes, cooldownUntil, shuttingDown, sync);
  }

  public LocalState renewed(long sentAt) {
    return new LocalState(
        lease, sentAt, sentAt, instance, crashTimes, cooldownUntil, shuttingDown, sync);
  }

  public LocalState renewAttempted(long sentAt) {
    return new LocalState(
        lease, renewSentAt, sentAt, instance, crashTimes, cooldownUntil, shuttingDown, sync);
  }

  /** The lease is gone; an upload owed under it is forgiven (it would be refused). */
  public LocalState withoutLease() {
    return new LocalState(
        null, 0, 0, instance, crashTimes, cooldownUntil, shuttingDown, sync.forgive());
  }

  /** The same state with {@code s} as its state-file uploads. */
  public LocalState withSync(StateSync s) {
    return new LocalState(
        lease, renewSentAt, lastRenewAttempt, instance, crashTimes, cooldownUntil, shuttingDown, s);
  }

  public LocalState withService(ServiceState s, long newPid) {
    return withInstance(instance.with(s, newPid));
  }

  /** A new instance is being started under the current epoch. */
  public LocalState starting() {
    return withInstance(
        new Instance(instance.id() + 1, epoch(), ServiceState.STARTING, 0, null, null));
  }

  /** A stop of the instance by {@code path} was requested; it may still run. */
  public LocalState stopping(StopPath path) {
    Instance i = instance;
    return withInstance(
        new Instance(i.id(), i.epoch(), ServiceState.STOPPING, i.pid(), i.unhealthyReason(), path));
  }

  /** True while a planned stop is under way, which the deadline rule may have to cut short. */
  public boolean stoppingAsPlanned() {
    return service() == ServiceState.STOPPING && instance.stopPath() == StopPath.PLANNED;
  }

  /**
   * A health check gave up on the instance: it is being stopped (a planned stop, as the lease is
   * held), and its exit is a crash.
   */
  public LocalState stoppingUnhealthy(String reason) {
    Instance i = instance;
    return withInstance(
        new Instance(i.id(), i.epoch(), ServiceState.STOPPING, i.pid(), reason, StopPath.PLANNED));
  }

  /**
   * The start of the instance failed because its target host cannot be reached: nothing runs, and
   * it is not a crash.
   */
  public LocalState targetUnreachable(String why) {
    return withInstance(
        new Instance(instance.id(), instance.epoch(), ServiceState.STOPPED, 0, null, null, why));
  }

  /** The connection to the remote instance was lost: it may run until its watchdog's deadline. */
  public LocalState connectionLost() {
    return withService(ServiceState.UNKNOWN, instance.pid());
  }

  /** The instance is gone without counting as a crash. */
  public LocalState stopped() {
    return withInstance(
        new Instance(instance.id(), instance.epoch(), ServiceState.STOPPED, 0, null, null));
  }

  private LocalState withInstance(Instance i) {
    return new LocalState(
        lease, renewSentAt, lastRenewAttempt, i, crashTimes, cooldownUntil, shuttingDown, sync);
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
    Instance gone =
        new Instance(instance.id(), instance.epoch(), ServiceState.STOPPED, 0, null, null);
    return new LocalState(
        lease, renewSentAt, lastRenewAttempt, gone, kept, cooldownUntil, shuttingDown, sync);
  }

  /** Enters the cool-down until {@code until}, forgetting the crash history. */
  public LocalState coolingDownUntil(long until) {
    return new LocalState(
        lease, renewSentAt, lastRenewAttempt, instance, List.of(), until, shuttingDown, sync);
  }

  public LocalState withShutdownRequested() {
    return new LocalState(
        lease, renewSentAt, lastRenewAttempt, instance, crashTimes, cooldownUntil, true, sync);
  }
}
