package io.sfc.core.decide;

import io.sfc.core.decide.Outcome.AcquireFailed;
import io.sfc.core.decide.Outcome.Acquired;
import io.sfc.core.decide.Outcome.ClearFailed;
import io.sfc.core.decide.Outcome.ConnectionLost;
import io.sfc.core.decide.Outcome.Exited;
import io.sfc.core.decide.Outcome.NotLaunched;
import io.sfc.core.decide.Outcome.Observed;
import io.sfc.core.decide.Outcome.Released;
import io.sfc.core.decide.Outcome.RenewFailed;
import io.sfc.core.decide.Outcome.RenewRefused;
import io.sfc.core.decide.Outcome.Renewed;
import io.sfc.core.decide.Outcome.Stalled;
import io.sfc.core.decide.Outcome.StartFailed;
import io.sfc.core.decide.Outcome.Started;
import io.sfc.core.decide.Outcome.StateRestoreFailed;
import io.sfc.core.decide.Outcome.StateRestored;
import io.sfc.core.decide.Outcome.StateUploadFailed;
import io.sfc.core.decide.Outcome.StateUploaded;
import io.sfc.core.decide.Outcome.SwitchoverCleared;
import io.sfc.core.decide.Outcome.TargetUnreachable;
import io.sfc.core.decide.Outcome.Unhealthy;
import io.sfc.core.decide.Outcome.Unreachable;
import io.sfc.core.decide.Transition.Draft;
import io.sfc.core.decide.Transition.InstanceAction;
import io.sfc.core.model.Directives;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.Switchover;
import io.sfc.core.model.Timings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pure interpretation of every {@link Outcome}: memory and outcome in, next memory, events and
 * "decide again" out. No I/O, no clock: {@code now} is passed in. Like {@link Decider}, every event
 * reason is written here once.
 *
 * <p>Exit classification of the current instance, first match wins:
 *
 * <ol>
 *   <li>its connection was lost earlier (state {@link ServiceState#UNKNOWN}): its watchdog's
 *       deadline has passed, so it is gone; not a crash ({@code "connection to the instance was
 *       lost; its watchdog's deadline has passed: it has ended, status N"});
 *   <li>stopped after a failed health check, still holding and not shutting down: a crash ({@code
 *       "<check>; service stopped, exit status N"});
 *   <li>a stop was requested: {@code "service stopped, exit status N"};
 *   <li>not holding, or no watchdog budget left: {@code "service killed by its watchdog, status
 *       N"};
 *   <li>otherwise a crash: {@code "service exited with status N"}.
 * </ol>
 *
 * <p>State files ({@code state_files}): an instance that ends in a planned stop (switchover,
 * shutdown, or the stop after a failed health check) while the lease is held owes an upload of its
 * state files, which the {@link Decider} performs before it releases the lease or restarts; an
 * instance that crashed, was stopped by a deadline stop, was killed by its watchdog, or ended with
 * status 137 (KILL after {@code stop_timeout}) owes none: it may have left a torn file. An upload
 * or restore that fails is an event, never more; a failed periodic upload is recorded once until
 * one succeeds.
 *
 * <p>An unhealthy instance is stopped (its exit then counts as a crash), except while the service
 * is paused: the same directives the {@link Decider} reads then say "starting and stopping
 * nothing". That stop is planned: the lease is held and renewed meanwhile. An instance whose start
 * completes after a stop was requested is stopped by the path requested (a deadline stop when the
 * path is unknown).
 *
 * <p>An unreachable target is not a crash: a start that failed because its host cannot be reached
 * leaves the instance stopped and marked unreachable (the {@link Decider} then steps down, so that
 * another controller, which may reach a host this one cannot, can try), and a lost connection to a
 * running instance makes its state {@link ServiceState#UNKNOWN} — never running, never gone — until
 * its exit is reported after its watchdog's deadline. Both record {@link
 * EventKind#PLACEMENT_UNREACHABLE}; neither counts against {@code max_restarts}.
 */
public final class Transitions {
  /** The exit status of a process killed by KILL (128 + 9), as the shim reports it. */
  static final int KILLED = 137;

  private final String node;
  private final ServiceSpec spec;
  private final Timings timings;

  public Transitions(String node, ServiceSpec spec, Timings timings) {
    this.node = node;
    this.spec = spec;
    this.timings = timings;
  }

  /** The transition {@code o} causes from {@code m} at {@code now}. */
  public Transition apply(ControllerMemory m, Outcome o, long now) {
    if (o instanceof Observed x) {
      return observed(m, x, now);
    }
    if (o instanceof Unreachable x) {
      return unreachable(m, x, now);
    }
    if (o instanceof Stalled x) {
      return stalled(m, x);
    }
    if (o instanceof Acquired x) {
      return acquired(m, x);
    }
    if (o instanceof AcquireFailed || o instanceof ClearFailed) {
      return Transition.unchanged(m);
    }
    if (o instanceof Released x) {
      return released(m, x, now);
    }
    if (o instanceof SwitchoverCleared) {
      return Transition.unchanged(m.switchoverCleared());
    }
    if (o instanceof StateUploaded || o instanceof StateUploadFailed) {
      return uploaded(m, o);
    }
    if (o instanceof StateRestored || o instanceof StateRestoreFailed) {
      return restored(m, o);
    }
    return o instanceof Renewed || o instanceof RenewRefused || o instanceof RenewFailed
        ? renewal(m, o)
        : instance(m, o, now);
  }

  private Transition renewal(ControllerMemory m, Outcome o) {
    if (o instanceof Renewed x) {
      return Transition.to(m.with(m.local().renewed(x.sentAt())), List.of(), false)
          .doing(InstanceAction.FEED);
    }
    if (o instanceof RenewRefused x) {
      LocalState l = m.local().renewAttempted(x.sentAt());
      String why = "renewal refused: lease no longer held at epoch " + l.epoch();
      return endHold(m.with(l), EventKind.LOST, why);
    }
    RenewFailed f = (RenewFailed) o;
    return Transition.to(m.with(m.local().renewAttempted(f.sentAt())), List.of(), false);
  }

  private Transition instance(ControllerMemory m, Outcome o, long now) {
    if (o instanceof Started x) {
      return started(m, x, now);
    }
    if (o instanceof Unhealthy x) {
      return unhealthy(m, x);
    }
    if (o instanceof NotLaunched x) {
      return notLaunched(m, x);
    }
    if (o instanceof TargetUnreachable x) {
      return targetUnreachable(m, x);
    }
    if (o instanceof ConnectionLost x) {
      return connectionLost(m, x);
    }
    if (o instanceof StartFailed x) {
      return current(m, x.instance())
          ? crashed(m, "service failed to start: " + x.why(), now).doing(InstanceAction.FORGET)
          : Transition.unchanged(m);
    }
    return exited(m, (Exited) o, now);
  }

  // ---- the metastore ----

  /** Remembers what was read and records a pause, resume or switchover seen for the first time. */
  private Transition observed(ControllerMemory m, Observed o, long now) {
    List<Draft> events = new ArrayList<>();
    long epoch = m.local().epoch();
    if (m.metastoreDown()) {
      events.add(draft(EventKind.METASTORE_REACHABLE, epoch, reachableAgain(now - m.downSince())));
    }
    pauseChange(m.directives(), o.directives(), epoch).ifPresent(events::add);
    ControllerMemory next = m.looked(o.record(), o.directives(), now);
    Switchover sw = o.directives().switchover();
    if (sw != null
        && m.local().holding()
        && sw.epoch() == epoch
        && !sw.to().equals(node)
        && m.announcedSwitchover() != sw.epoch()) {
      next = next.announced(sw.epoch());
      String why = "switchover to " + sw.to() + " requested by " + sw.requestedBy();
      events.add(draft(EventKind.SWITCHOVER_REQUESTED, epoch, why));
    }
    return Transition.to(next, events, false);
  }

  private static String reachableAgain(long outageNanos) {
    return String.format(
        java.util.Locale.ROOT,
        "metastore reachable again after %.1f s unreachable",
        outageNanos / 1e9);
  }

  private static Optional<Draft> pauseChange(Directives before, Directives read, long epoch) {
    if (read.paused() && !before.paused()) {
      String why = "paused by " + read.pausedBy() + "; starting and stopping nothing";
      return Optional.of(draft(EventKind.PAUSED, epoch, why));
    }
    if (!read.paused() && before.paused()) {
      String why = "resumed (was paused by " + before.pausedBy() + ")";
      return Optional.of(draft(EventKind.RESUMED, epoch, why));
    }
    return Optional.empty();
  }

  /**
   * A stall is recorded at once; the read that follows it, if it fails for want of an answer, is
   * blamed on the stall (a rejection is still recorded: it does not come from a gap in time).
   */
  private static Transition stalled(ControllerMemory m, Stalled o) {
    String why =
        String.format(
            java.util.Locale.ROOT,
            "controller did not run for %.1f s (stopped, starved or paused); not a metastore"
                + " problem",
            o.gapNanos() / 1e9);
    Draft d = draft(EventKind.CONTROLLER_STALLED, m.local().epoch(), why);
    return Transition.to(m.stalled(), List.of(d), false);
  }

  private static Transition unreachable(ControllerMemory m, Unreachable o, long now) {
    if (m.stallPending() && !o.rejected()) {
      return Transition.to(m.failedAfterStall(now), List.of(), false);
    }
    List<Draft> events =
        m.metastoreDown()
            ? List.of()
            : List.of(
                draft(
                    EventKind.METASTORE_UNREACHABLE,
                    m.local().epoch(),
                    (o.rejected() ? "metastore rejected: " : "metastore unreachable: ") + o.why()));
    return Transition.to(m.unreachable(now), events, false);
  }

  // ---- state files ----

  private static Transition uploaded(ControllerMemory m, Outcome o) {
    LocalState l = m.local();
    StateSync sync = l.sync();
    if (o instanceof StateUploaded x) {
      ControllerMemory next = m.with(l.withSync(sync.uploaded(x.afterStop(), true)));
      List<Draft> events =
          x.afterStop()
              ? List.of(
                  draft(
                      EventKind.STATE_UPLOADED,
                      l.epoch(),
                      "state files uploaded after the planned stop: " + x.summary()))
              : List.of();
      return Transition.to(next, events, x.afterStop());
    }
    StateUploadFailed f = (StateUploadFailed) o;
    ControllerMemory next = m.with(l.withSync(sync.uploaded(f.afterStop(), false)));
    if (!f.afterStop() && sync.failing()) {
      return Transition.to(next, List.of(), false);
    }
    String when = f.afterStop() ? " after the planned stop" : "";
    Draft d =
        draft(
            EventKind.STATE_UPLOAD_FAILED,
            l.epoch(),
            "state files not uploaded" + when + ": " + f.why());
    return Transition.to(next, List.of(d), f.afterStop());
  }

  private static Transition restored(ControllerMemory m, Outcome o) {
    long epoch = m.local().epoch();
    Draft d =
        o instanceof StateRestored x
            ? draft(EventKind.STATE_RESTORED, epoch, "state files restored: " + x.summary())
            : draft(
                EventKind.STATE_RESTORE_FAILED,
                epoch,
                "state files not restored: "
                    + ((StateRestoreFailed) o).why()
                    + "; starting with the files on this node");
    return Transition.to(m, List.of(d), false);
  }

  // ---- the lease ----

  private Transition acquired(ControllerMemory m, Acquired o) {
    Lease lease = o.lease();
    long epoch = lease.epoch();
    List<Draft> events = new ArrayList<>();
    events.add(draft(EventKind.ACQUIRED, epoch, "acquired lease at epoch " + epoch));
    Takeover t = Takeover.classify(m.seen(), node, m.directives().switchover(), epoch);
    t.event().ifPresent(kind -> events.add(draft(kind, epoch, t.reason())));
    return Transition.to(m.with(m.local().withLease(lease, o.sentAt())), events, true);
  }

  private Transition released(ControllerMemory m, Released o, long now) {
    Transition t = endHold(m, releaseKind(o.how()), o.reason());
    if (o.how() != LeaseAction.STEP_DOWN) {
      return t;
    }
    LocalState cooling =
        t.next().local().coolingDownUntil(now + spec.restart().cooldown().toNanos());
    return Transition.to(t.next().with(cooling), t.events(), true);
  }

  private static EventKind releaseKind(LeaseAction action) {
    return switch (action) {
      case STEP_DOWN -> EventKind.STEPPED_DOWN;
      case HAND_OFF -> EventKind.HANDED_OFF;
      case DROP -> EventKind.LOST;
      case SELF_FENCE -> EventKind.SELF_FENCED;
      default -> EventKind.RELEASED;
    };
  }

  private static Transition endHold(ControllerMemory m, EventKind kind, String reason) {
    Draft d = draft(kind, m.local().epoch(), reason);
    return Transition.to(m.with(m.local().withoutLease()), List.of(d), true);
  }

  // ---- the local instance ----

  private static boolean current(ControllerMemory m, long instance) {
    return m.local().instance().is(instance);
  }

  private static Transition started(ControllerMemory m, Started o, long now) {
    if (!current(m, o.instance())) {
      return Transition.unchanged(m);
    }
    LocalState l = m.local();
    if (l.service() == ServiceState.STOPPING) {
      return Transition.unchanged(m)
          .doing(l.stoppingAsPlanned() ? InstanceAction.STOP : InstanceAction.DEADLINE_STOP);
    }
    Draft d = draft(EventKind.STARTED, l.epoch(), "service started, pid " + o.pid());
    // a connection lost before the start was reported leaves the state unknown, never running
    ServiceState state = l.service() == ServiceState.UNKNOWN ? l.service() : ServiceState.RUNNING;
    LocalState running = l.withService(state, o.pid()).withSync(l.sync().runningSince(now));
    return Transition.to(m.with(running), List.of(d), false).doing(InstanceAction.WATCH);
  }

  private static Transition unhealthy(ControllerMemory m, Unhealthy o) {
    LocalState l = m.local();
    if (!current(m, o.instance()) || l.service() != ServiceState.RUNNING) {
      return Transition.unchanged(m);
    }
    long epoch = l.instance().epoch();
    if (m.directives().paused()) {
      String why = o.reason() + "; paused: not stopping the service";
      return Transition.to(m, List.of(draft(EventKind.UNHEALTHY, epoch, why)), false);
    }
    Draft d = draft(EventKind.UNHEALTHY, epoch, o.reason() + "; stopping the service");
    return Transition.to(m.with(l.stoppingUnhealthy(o.reason())), List.of(d), true)
        .doing(InstanceAction.STOP);
  }

  private static Transition notLaunched(ControllerMemory m, NotLaunched o) {
    if (!current(m, o.instance())) {
      return Transition.unchanged(m);
    }
    return stopped(m, "not started: " + o.why());
  }

  private static Transition targetUnreachable(ControllerMemory m, TargetUnreachable o) {
    if (!current(m, o.instance())) {
      return Transition.unchanged(m);
    }
    LocalState l = m.local();
    String why = "service not started: target host unreachable: " + o.why() + "; not a crash";
    Draft d = draft(EventKind.PLACEMENT_UNREACHABLE, l.instance().epoch(), why);
    return Transition.to(m.with(l.targetUnreachable(o.why())), List.of(d), true)
        .doing(InstanceAction.FORGET);
  }

  private static Transition connectionLost(ControllerMemory m, ConnectionLost o) {
    LocalState l = m.local();
    boolean up = l.service() == ServiceState.RUNNING || l.service() == ServiceState.STARTING;
    if (!current(m, o.instance()) || !up) {
      return Transition.unchanged(m);
    }
    String why =
        "connection to the instance lost: "
            + o.why()
            + "; its state is unknown until its watchdog's deadline has passed";
    Draft d = draft(EventKind.PLACEMENT_UNREACHABLE, l.instance().epoch(), why);
    return Transition.to(m.with(l.connectionLost()), List.of(d), true);
  }

  private Transition exited(ControllerMemory m, Exited o, long now) {
    if (!current(m, o.instance())) {
      return Transition.unchanged(m);
    }
    LocalState l = m.local();
    int status = o.status();
    if (l.service() == ServiceState.UNKNOWN) {
      return stopped(
          m,
          EventKind.PLACEMENT_UNREACHABLE,
          "connection to the instance was lost; its watchdog's deadline has passed: it has"
              + " ended, status "
              + status);
    }
    String unhealthy = l.instance().unhealthyReason();
    boolean planned = l.stoppingAsPlanned() && l.holding();
    if (unhealthy != null && l.holding() && !l.shuttingDown()) {
      String why =
          unhealthy + "; service stopped, exit status " + status + stateNote(planned, status);
      return owing(crashed(m, why, now), planned, status).doing(InstanceAction.FORGET);
    }
    if (l.service() == ServiceState.STOPPING) {
      String why = "service stopped, exit status " + status + stateNote(planned, status);
      return owing(stopped(m, why), planned, status);
    }
    if (!l.holding() || l.budgetLeft(now, timings.renewDeadline().toNanos()) <= 0) {
      return stopped(m, "service killed by its watchdog, status " + status);
    }
    return crashed(m, "service exited with status " + status, now).doing(InstanceAction.FORGET);
  }

  /**
   * {@code t}, owing an upload of the state files when the instance ended in a planned stop under
   * the lease and was not killed.
   */
  private Transition owing(Transition t, boolean planned, int status) {
    if (!spec.state().any() || !planned || status == KILLED) {
      return t;
    }
    LocalState l = t.next().local();
    return new Transition(
        t.next().with(l.withSync(l.sync().owe())), t.events(), t.again(), t.instance());
  }

  private String stateNote(boolean planned, int status) {
    return spec.state().any() && planned && status == KILLED
        ? "; state files not uploaded: killed after stop_timeout, they may be torn"
        : "";
  }

  private static Transition stopped(ControllerMemory m, String reason) {
    return stopped(m, EventKind.STOPPED, reason);
  }

  private static Transition stopped(ControllerMemory m, EventKind kind, String reason) {
    LocalState l = m.local();
    Draft d = draft(kind, l.instance().epoch(), reason);
    return Transition.to(m.with(l.stopped()), List.of(d), true).doing(InstanceAction.FORGET);
  }

  private Transition crashed(ControllerMemory m, String reason, long now) {
    LocalState l = m.local().crashed(now, now - spec.restart().window().toNanos());
    return Transition.to(m.with(l), List.of(draft(EventKind.CRASHED, l.epoch(), reason)), true);
  }

  private static Draft draft(EventKind kind, long epoch, String reason) {
    return new Draft(kind, epoch, reason);
  }
}
