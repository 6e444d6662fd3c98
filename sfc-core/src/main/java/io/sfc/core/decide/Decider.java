package io.sfc.core.decide;

import static io.sfc.core.decide.LeaseAction.ACQUIRE;
import static io.sfc.core.decide.LeaseAction.DROP;
import static io.sfc.core.decide.LeaseAction.HAND_OFF;
import static io.sfc.core.decide.LeaseAction.NONE;
import static io.sfc.core.decide.LeaseAction.RELEASE;
import static io.sfc.core.decide.LeaseAction.RENEW;
import static io.sfc.core.decide.LeaseAction.SELF_FENCE;
import static io.sfc.core.decide.LeaseAction.STEP_DOWN;

import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.Switchover;
import io.sfc.core.model.Timings;

/**
 * The pure decision of one controller loop for one service: snapshot in, decision and reason out.
 * No I/O, no clock, no randomness: the same snapshot always gives the same decision.
 *
 * <p>Rules, first match wins:
 *
 * <ol>
 *   <li>holding past the local deadline: drop the lease and stop (self-fencing);
 *   <li>holding, but the metastore names another holder or epoch, or says the lease expired: drop
 *       and stop;
 *   <li>holding, the service stopped by a planned stop and an upload of its state files owed:
 *       upload them (renewing meanwhile), and wait for that upload before anything else;
 *   <li>holding while shutting down: stop the service (renewing meanwhile), then release;
 *   <li>holding while paused: renew when due, and nothing else (no start, restart or stop);
 *   <li>holding, and a switchover of this epoch to another node was requested: stop the service
 *       (renewing meanwhile), then hand the lease off (release it);
 *   <li>holding, and the last start failed because the target host cannot be reached: step down
 *       (release and cool down), so that another controller can try; it is not a crash;
 *   <li>holding after too many crashes in the window: step down (release and cool down);
 *   <li>holding: renew when due; start the service, or restart it after the back-off;
 *   <li>not holding: stop any local instance; otherwise, unless shutting down, never acquire when
 *       placement excludes this node ({@link Eligibility}: the service's {@code nodes:} list leaves
 *       it out, or the node has {@code candidate: false}), not even by a switchover; unless cooling
 *       down or paused: while a fresh switchover (younger than {@code lease_ttl}) names the free
 *       lease's epoch, only its target acquires; else acquire when the lease is free.
 * </ol>
 *
 * <p>Directives never override the safety rules above them: a lost lease or a passed deadline stops
 * the service even while paused.
 *
 * <p>Stop paths: the stops of rules 4 and 6 happen while the lease is held and renewed, so they are
 * {@link ServiceAction#STOP planned} ({@code stop_timeout}). The stops of rules 1, 2 and 10 happen
 * without a lease, so they are {@link ServiceAction#DEADLINE_STOP deadline} stops ({@code
 * deadline_stop_timeout}, bound by the safety rule), and they also cut short a planned stop under
 * way. (A restart after a failed health check is a planned stop, too; see {@link Transitions}.)
 *
 * <p>State files ({@code state_files}), besides the rules above: a start that is the first of this
 * controller under the epoch held also restores the stored copies ({@link StateAction#RESTORE});
 * while the service runs (also while paused) and the metastore answered, the holder uploads them
 * every {@code state_interval} ({@link StateAction#UPLOAD}), never while an upload is running.
 * Which stops owe an upload is decided by {@link Transitions}.
 *
 * <p>Directive action, besides the rules above: holding at an epoch newer than a pending switchover
 * request, and keeping the lease in this loop: clear the request (its holder acted on it or lost
 * the lease).
 */
public final class Decider {
  private final String node;
  private final ServiceSpec spec;
  private final Timings timings;

  /** Why placement keeps this node from ever acquiring the service, or null when it may. */
  private final String ineligible;

  /** The decider of a node that may run services ({@code candidate: true}). */
  public Decider(String node, ServiceSpec spec, Timings timings) {
    this(node, true, spec, timings);
  }

  /**
   * The decider of node {@code node} for service {@code spec}.
   *
   * @param candidate false for a node with {@code candidate: false}: it never acquires
   */
  public Decider(String node, boolean candidate, ServiceSpec spec, Timings timings) {
    this.node = node;
    this.spec = spec;
    this.timings = timings;
    this.ineligible = Eligibility.whyNot(spec, node, candidate);
  }

  public Decision decide(Snapshot s) {
    LocalState l = s.local();
    Decision d = l.holding() ? whileHolding(s, l) : whileNotHolding(s, l);
    return finishedSwitchover(s, l, d) ? d.with(DirectiveAction.CLEAR_SWITCHOVER) : d;
  }

  /** True when {@code d} keeps a lease newer than the epoch of the pending switchover request. */
  private static boolean finishedSwitchover(Snapshot s, LocalState l, Decision d) {
    Switchover sw = s.directives().switchover();
    return sw != null && l.holding() && sw.epoch() < l.epoch() && !d.lease().endsHold();
  }

  private Decision whileHolding(Snapshot s, LocalState l) {
    long epoch = l.epoch();
    if (s.now() - l.renewSentAt() >= timings.renewDeadline().toNanos()) {
      return Decision.of(
          SELF_FENCE,
          deadlineStop(l),
          "renew deadline passed at epoch " + epoch + "; self-fencing");
    }
    if (s.record() != null && !s.record().confirms(l.lease())) {
      return Decision.of(DROP, deadlineStop(l), lostReason(s.record(), epoch));
    }
    if (l.sync().owed() && l.service() == ServiceState.STOPPED) {
      return saveState(s, l);
    }
    if (l.shuttingDown()) {
      return shutdownWhileHolding(s, l);
    }
    if (s.directives().paused()) {
      return pausedWhileHolding(s, l);
    }
    Switchover sw = s.directives().switchover();
    if (s.record() != null && sw != null && sw.epoch() == epoch && !node.equals(sw.to())) {
      return handOff(s, l, sw);
    }
    String unreachable = l.instance().unreachable();
    if (l.service() == ServiceState.STOPPED && unreachable != null) {
      return Decision.of(
          STEP_DOWN,
          ServiceAction.NONE,
          "target host unreachable (" + unreachable + "); no reachable target left; stepping down");
    }
    int crashes = l.crashesSince(s.now() - spec.restart().window().toNanos());
    if (l.service() == ServiceState.STOPPED && crashes > spec.restart().maxRestarts()) {
      return Decision.of(
          STEP_DOWN,
          ServiceAction.NONE,
          "service crashed "
              + crashes
              + " times in "
              + Timings.fmt(spec.restart().window())
              + "; stepping down");
    }
    return keepRunning(s, l, crashes);
  }

  private static String lostReason(LeaseRecord r, long epoch) {
    if (r.isFree()) {
      return "lease epoch " + epoch + " expired on the metastore; stopping";
    }
    return "lease taken by " + r.holder() + " at epoch " + r.epoch() + "; stopping";
  }

  private Decision saveState(Snapshot s, LocalState l) {
    String holding = "leader at epoch " + l.epoch() + metastoreNote(s);
    if (l.sync().inFlight()) {
      return Decision.of(
          renewIfDue(s, l),
          ServiceAction.NONE,
          holding + "; waiting for the state files to upload");
    }
    return Decision.of(
            renewIfDue(s, l),
            ServiceAction.NONE,
            holding + "; uploading the state files after the planned stop")
        .with(StateAction.UPLOAD);
  }

  /** {@code d}, uploading the state files when the periodic upload is due. */
  private Decision periodicUpload(Decision d, Snapshot s, LocalState l) {
    boolean due =
        spec.state().any()
            && s.record() != null
            && l.service() == ServiceState.RUNNING
            && l.sync().periodicDue(s.now(), spec.state().interval().toNanos());
    return due ? d.with(StateAction.UPLOAD) : d;
  }

  /** {@code d}, a start, restoring the state files when it is the first start under the epoch. */
  private Decision restoreIfFirst(Decision d, LocalState l) {
    boolean first = spec.state().any() && l.instance().epoch() != l.epoch();
    return first ? d.with(StateAction.RESTORE) : d;
  }

  private Decision shutdownWhileHolding(Snapshot s, LocalState l) {
    if (l.service() == ServiceState.STOPPED) {
      return Decision.of(RELEASE, ServiceAction.NONE, "shutting down: releasing lease");
    }
    return Decision.of(renewIfDue(s, l), stopIfRunning(l), "shutting down: stopping service");
  }

  private Decision pausedWhileHolding(Snapshot s, LocalState l) {
    String state =
        switch (l.service()) {
          case RUNNING -> "service running";
          case STARTING -> "service starting";
          case STOPPING -> "waiting for service to stop";
          case STOPPED -> "service not running; not starting it while paused";
          case UNKNOWN -> "service state unknown";
        };
    String reason =
        pausedBy(s) + "; leader at epoch " + l.epoch() + metastoreNote(s) + "; " + state;
    return periodicUpload(Decision.of(renewIfDue(s, l), ServiceAction.NONE, reason), s, l);
  }

  private Decision handOff(Snapshot s, LocalState l, Switchover sw) {
    String why = "switchover to " + sw.to() + " requested by " + sw.requestedBy();
    if (l.service() == ServiceState.STOPPED) {
      return Decision.of(HAND_OFF, ServiceAction.NONE, why + ": releasing lease");
    }
    return Decision.of(renewIfDue(s, l), stopIfRunning(l), why + ": stopping service");
  }

  private static String pausedBy(Snapshot s) {
    String by = s.directives().pausedBy();
    return by == null ? "paused" : "paused by " + by;
  }

  private Decision keepRunning(Snapshot s, LocalState l, int crashes) {
    LeaseAction lease = renewIfDue(s, l);
    String holding = "leader at epoch " + l.epoch() + metastoreNote(s);
    switch (l.service()) {
      case RUNNING:
        return periodicUpload(
            Decision.of(lease, ServiceAction.NONE, holding + "; service running"), s, l);
      case STARTING:
        return Decision.of(lease, ServiceAction.NONE, holding + "; service starting");
      case STOPPING:
        return Decision.of(lease, ServiceAction.NONE, holding + "; waiting for service to stop");
      case UNKNOWN:
        return Decision.of(
            lease, ServiceAction.NONE, holding + "; service state unknown; not starting another");
      default:
        return startOrBackOff(s, l, lease, crashes, holding);
    }
  }

  private Decision startOrBackOff(
      Snapshot s, LocalState l, LeaseAction lease, int crashes, String holding) {
    if (crashes == 0) {
      return restoreIfFirst(
          Decision.of(lease, ServiceAction.START, holding + "; starting service"), l);
    }
    long lastCrash = l.crashTimes().get(l.crashTimes().size() - 1);
    long backoff = spec.restart().backoffAfter(crashes).toNanos();
    if (s.now() - lastCrash >= backoff) {
      return restoreIfFirst(
          Decision.of(
              lease, ServiceAction.START, holding + "; restarting service after crash " + crashes),
          l);
    }
    return Decision.of(
        lease, ServiceAction.NONE, holding + "; restart back-off after crash " + crashes);
  }

  private LeaseAction renewIfDue(Snapshot s, LocalState l) {
    return s.now() - l.lastRenewAttempt() >= timings.renewInterval().toNanos() ? RENEW : NONE;
  }

  private static String metastoreNote(Snapshot s) {
    return s.metastoreError() == null ? "" : " (metastore unreachable: " + s.metastoreError() + ")";
  }

  /** A planned stop of a running or starting instance. */
  private static ServiceAction stopIfRunning(LocalState l) {
    return runningOrStarting(l) ? ServiceAction.STOP : ServiceAction.NONE;
  }

  /** A deadline stop of a running or starting instance, or of one in a planned stop. */
  private static ServiceAction deadlineStop(LocalState l) {
    boolean stop = runningOrStarting(l) || l.stoppingAsPlanned();
    return stop ? ServiceAction.DEADLINE_STOP : ServiceAction.NONE;
  }

  private static boolean runningOrStarting(LocalState l) {
    return l.service() == ServiceState.RUNNING || l.service() == ServiceState.STARTING;
  }

  private Decision whileNotHolding(Snapshot s, LocalState l) {
    if (l.service().mayRun()) {
      return Decision.of(NONE, deadlineStop(l), notHolding(l));
    }
    if (l.shuttingDown()) {
      return Decision.idle("shut down");
    }
    if (ineligible != null) {
      return Decision.idle(ineligible);
    }
    if (s.now() < l.cooldownUntil()) {
      return Decision.idle("cooling down after stepping down");
    }
    if (s.record() == null) {
      return Decision.idle("standby; metastore unreachable: " + s.metastoreError());
    }
    if (s.directives().paused()) {
      return Decision.idle(pausedBy(s) + "; standby; " + leaseNote(s.record()));
    }
    Switchover sw = s.directives().switchover();
    if (sw != null && handsOff(sw, s.record())) {
      return node.equals(sw.to())
          ? Decision.of(
              ACQUIRE,
              ServiceAction.NONE,
              "lease handed to this node by switchover from " + sw.from() + "; acquiring")
          : Decision.idle("lease handed to " + sw.to() + " by switchover; waiting");
    }
    return standby(s.record());
  }

  private static String notHolding(LocalState l) {
    if (l.stoppingAsPlanned()) {
      return "not holding the lease; ending the planned stop within deadline_stop_timeout";
    }
    return runningOrStarting(l)
        ? "not holding the lease; stopping service"
        : "not holding the lease; waiting for service to stop";
  }

  /** True while {@code sw} reserves the free lease {@code r} for its target. */
  private boolean handsOff(Switchover sw, LeaseRecord r) {
    return r.isFree() && sw.epoch() == r.epoch() && sw.age().compareTo(timings.leaseTtl()) < 0;
  }

  private String leaseNote(LeaseRecord r) {
    if (r.holder() == null) {
      return "lease vacant";
    }
    String at = describe(r.holder()) + " at epoch " + r.epoch();
    return r.isFree() ? "lease of " + at + " free" : "lease held by " + at;
  }

  private Decision standby(LeaseRecord r) {
    if (r.holder() == null) {
      return Decision.of(ACQUIRE, ServiceAction.NONE, "lease vacant; acquiring");
    }
    if (r.isFree()) {
      return Decision.of(
          ACQUIRE,
          ServiceAction.NONE,
          "lease of " + describe(r.holder()) + " at epoch " + r.epoch() + " free; acquiring");
    }
    return Decision.idle(
        "standby; lease held by " + describe(r.holder()) + " at epoch " + r.epoch());
  }

  private String describe(String holder) {
    return holder.equals(node) ? "this node (earlier run)" : holder;
  }
}
