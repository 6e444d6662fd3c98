package io.sfc.core.decide;

import static io.sfc.core.decide.Transition.InstanceAction.DEADLINE_STOP;
import static io.sfc.core.decide.Transition.InstanceAction.FEED;
import static io.sfc.core.decide.Transition.InstanceAction.FORGET;
import static io.sfc.core.decide.Transition.InstanceAction.NONE;
import static io.sfc.core.decide.Transition.InstanceAction.STOP;
import static io.sfc.core.decide.Transition.InstanceAction.WATCH;
import static io.sfc.core.model.ServiceState.RUNNING;
import static io.sfc.core.model.ServiceState.STARTING;
import static io.sfc.core.model.ServiceState.STOPPED;
import static io.sfc.core.model.ServiceState.STOPPING;
import static io.sfc.core.model.ServiceState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.decide.Transition.InstanceAction;
import io.sfc.core.model.Directives;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.StopPath;
import io.sfc.core.model.Switchover;
import io.sfc.core.model.Timings;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The outcome table: one row per outcome and per exit class, with the exact events (kind, epoch,
 * reason) a controller records, the next instance state and role, and what happens to the handle.
 */
class TransitionsTest {
  static final long S = 1_000_000_000L;
  static final long T0 = 1_000 * S;
  static final Lease MINE = new Lease("sched", "a", 7);
  static final Transitions T = new Transitions("a", DeciderTest.SPEC, Timings.DEFAULTS);
  static final String SICK = "health check http failed 3 times: HTTP 503";
  static final Directives PAUSED = new Directives(true, "ops", null);
  static final String NO_ROUTE = "cannot connect to n1 (10.0.0.1:22): No route to host";

  static ControllerMemory memory(LocalState l) {
    return ControllerMemory.initial(T0).with(l);
  }

  /** Memory that saw the lease held, then free: expired, or released when {@code released}. */
  static ControllerMemory memory(
      LocalState l, Directives d, String previousHolder, boolean released) {
    Takeover.Seen seen = Takeover.Seen.NOTHING;
    if (previousHolder != null) {
      LeaseRecord held = new LeaseRecord("sched", previousHolder, 7, Duration.ofSeconds(5), false);
      LeaseRecord free =
          new LeaseRecord("sched", previousHolder, 7, Duration.ofSeconds(-1), released);
      seen = seen.then(held).then(free);
    }
    return new ControllerMemory(l, d, seen, 0, false, 0, T0, false);
  }

  static ControllerMemory memory(LocalState l, Directives d, String previousHolder) {
    return memory(l, d, previousHolder, false);
  }

  /** Holding epoch 7 since T0 (last renewal sent at T0), instance 1 started under epoch 7. */
  static LocalState leader(ServiceState service) {
    LocalState l = LocalState.initial().withLease(MINE, T0).starting();
    return service == STARTING ? l : l.withService(service, 42);
  }

  /** {@code m} after a stall was found: its next failed read is blamed on the stall. */
  static ControllerMemory stalled(ControllerMemory m) {
    return T.apply(m, new Outcome.Stalled(15 * S), T0).next();
  }

  static ControllerMemory standby() {
    return memory(LocalState.initial());
  }

  static Switchover switchover(long epoch, String from, String to) {
    return new Switchover("sched", from, epoch, to, "ops", Duration.ZERO);
  }

  static Arguments row(
      String name,
      ControllerMemory m,
      Outcome o,
      long now,
      Role role,
      ServiceState service,
      InstanceAction action,
      boolean again,
      String... events) {
    return Arguments.of(name, m, o, now, role, service, action, again, List.of(events));
  }

  static Stream<Arguments> instance() {
    return Stream.of(
        row(
            "exit after a requested stop",
            memory(leader(RUNNING).stopping(StopPath.PLANNED)),
            new Outcome.Exited(1, 143),
            T0 + S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "STOPPED 7: service stopped, exit status 143"),
        row(
            "exit with watchdog budget left while holding: a crash",
            memory(leader(RUNNING)),
            new Outcome.Exited(1, 1),
            T0 + S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "CRASHED 7: service exited with status 1"),
        row(
            "exit without watchdog budget: killed by its watchdog, not a crash",
            memory(leader(RUNNING)),
            new Outcome.Exited(1, 143),
            T0 + 6 * S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "STOPPED 7: service killed by its watchdog, status 143"),
        row(
            "exit while not holding: killed by its watchdog",
            memory(leader(RUNNING).withoutLease()),
            new Outcome.Exited(1, 143),
            T0 + S,
            Role.STANDBY,
            STOPPED,
            FORGET,
            true,
            "STOPPED 7: service killed by its watchdog, status 143"),
        row(
            "exit after an unhealthy stop while holding: a crash",
            memory(leader(RUNNING).stoppingUnhealthy(SICK)),
            new Outcome.Exited(1, 143),
            T0 + S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "CRASHED 7: " + SICK + "; service stopped, exit status 143"),
        row(
            "exit after an unhealthy stop while shutting down: a stop",
            memory(leader(RUNNING).stoppingUnhealthy(SICK).withShutdownRequested()),
            new Outcome.Exited(1, 143),
            T0 + S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "STOPPED 7: service stopped, exit status 143"),
        row(
            "exit after an unhealthy stop, lease lost meanwhile: a stop",
            memory(leader(RUNNING).stoppingUnhealthy(SICK).withoutLease()),
            new Outcome.Exited(1, 143),
            T0 + S,
            Role.STANDBY,
            STOPPED,
            FORGET,
            true,
            "STOPPED 7: service stopped, exit status 143"),
        row(
            "exit of an earlier instance is ignored",
            memory(leader(RUNNING)),
            new Outcome.Exited(0, 1),
            T0 + S,
            Role.LEADER,
            RUNNING,
            NONE,
            false),
        row(
            "exit before the start was reported: a crash",
            memory(leader(STARTING)),
            new Outcome.Exited(1, 2),
            T0 + S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "CRASHED 7: service exited with status 2"),
        row(
            "started",
            memory(leader(STARTING)),
            new Outcome.Started(1, 42),
            T0 + S,
            Role.LEADER,
            RUNNING,
            WATCH,
            false,
            "STARTED 7: service started, pid 42"),
        row(
            "started after a planned stop was requested: a planned stop at once",
            memory(leader(STARTING).stopping(StopPath.PLANNED)),
            new Outcome.Started(1, 42),
            T0 + S,
            Role.LEADER,
            STOPPING,
            STOP,
            false),
        row(
            "started after a deadline stop was requested: a deadline stop at once",
            memory(leader(STARTING).withoutLease().stopping(StopPath.DEADLINE)),
            new Outcome.Started(1, 42),
            T0 + S,
            Role.STANDBY,
            STOPPING,
            DEADLINE_STOP,
            false),
        row(
            "start of an instance that already exited is ignored",
            memory(leader(STARTING).stopped()),
            new Outcome.Started(1, 42),
            T0 + S,
            Role.LEADER,
            STOPPED,
            NONE,
            false),
        row(
            "start failed: a crash",
            memory(leader(STARTING)),
            new Outcome.StartFailed(1, "no such file"),
            T0 + S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "CRASHED 7: service failed to start: no such file"),
        row(
            "start failed: target host unreachable, not a crash",
            memory(leader(STARTING)),
            new Outcome.TargetUnreachable(1, NO_ROUTE),
            T0 + S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "PLACEMENT_UNREACHABLE 7: service not started: target host unreachable: "
                + NO_ROUTE
                + "; not a crash"),
        row(
            "target unreachable for an earlier instance is ignored",
            memory(leader(RUNNING)),
            new Outcome.TargetUnreachable(0, NO_ROUTE),
            T0 + S,
            Role.LEADER,
            RUNNING,
            NONE,
            false),
        row(
            "connection lost to a running instance: unknown, never running",
            memory(leader(RUNNING)),
            new Outcome.ConnectionLost(1, "channel closed without an exit status"),
            T0 + S,
            Role.LEADER,
            UNKNOWN,
            NONE,
            true,
            "PLACEMENT_UNREACHABLE 7: connection to the instance lost: channel closed without an"
                + " exit status; its state is unknown until its watchdog's deadline has passed"),
        row(
            "connection lost during a stop: the stop's exit follows",
            memory(leader(RUNNING).stopping(StopPath.PLANNED)),
            new Outcome.ConnectionLost(1, "channel closed without an exit status"),
            T0 + S,
            Role.LEADER,
            STOPPING,
            NONE,
            false),
        row(
            "exit after a lost connection: gone at its watchdog's deadline, not a crash",
            memory(leader(RUNNING).connectionLost()),
            new Outcome.Exited(1, 255),
            T0 + S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "PLACEMENT_UNREACHABLE 7: connection to the instance was lost; its watchdog's deadline"
                + " has passed: it has ended, status 255"),
        row(
            "started after the connection was lost: still unknown",
            memory(leader(STARTING).connectionLost()),
            new Outcome.Started(1, 42),
            T0 + S,
            Role.LEADER,
            UNKNOWN,
            WATCH,
            false,
            "STARTED 7: service started, pid 42"),
        row(
            "not launched: the deadline passed before the launch",
            memory(leader(STARTING)),
            new Outcome.NotLaunched(1, "the renew deadline passed before launch"),
            T0 + 7 * S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "STOPPED 7: not started: the renew deadline passed before launch"),
        row(
            "not launched: the budget ran out while fencing (sfc's own budget, not a crash)",
            memory(leader(STARTING)),
            new Outcome.NotLaunched(1, "no watchdog budget left after fencing (1400 ms)"),
            T0 + 2 * S,
            Role.LEADER,
            STOPPED,
            FORGET,
            true,
            "STOPPED 7: not started: no watchdog budget left after fencing (1400 ms)"),
        row(
            "unhealthy: a planned stop (the lease is held and renewed)",
            memory(leader(RUNNING)),
            new Outcome.Unhealthy(1, SICK),
            T0 + S,
            Role.LEADER,
            STOPPING,
            STOP,
            true,
            "UNHEALTHY 7: " + SICK + "; stopping the service"),
        row(
            "unhealthy while paused: record it, stop nothing",
            memory(leader(RUNNING), PAUSED, null),
            new Outcome.Unhealthy(1, SICK),
            T0 + S,
            Role.LEADER,
            RUNNING,
            NONE,
            false,
            "UNHEALTHY 7: " + SICK + "; paused: not stopping the service"),
        row(
            "unhealthy while already stopping is ignored",
            memory(leader(RUNNING).stopping(StopPath.PLANNED)),
            new Outcome.Unhealthy(1, SICK),
            T0 + S,
            Role.LEADER,
            STOPPING,
            NONE,
            false),
        row(
            "unhealthy report of an earlier instance is ignored",
            memory(leader(RUNNING)),
            new Outcome.Unhealthy(0, SICK),
            T0 + S,
            Role.LEADER,
            RUNNING,
            NONE,
            false));
  }

  static Stream<Arguments> lease() {
    Lease eight = new Lease("sched", "a", 8);
    return Stream.of(
        row(
            "acquired a vacant lease",
            standby(),
            new Outcome.Acquired(eight, T0),
            T0,
            Role.LEADER,
            STOPPED,
            NONE,
            true,
            "ACQUIRED 8: acquired lease at epoch 8"),
        row(
            "acquired another node's free lease: a failover",
            memory(LocalState.initial(), Directives.NONE, "b"),
            new Outcome.Acquired(eight, T0),
            T0,
            Role.LEADER,
            STOPPED,
            NONE,
            true,
            "ACQUIRED 8: acquired lease at epoch 8",
            "FAILOVER 8: took over from b at epoch 8 after its lease expired"),
        row(
            "acquired the lease another node released: a handover",
            memory(LocalState.initial(), Directives.NONE, "b", true),
            new Outcome.Acquired(eight, T0),
            T0,
            Role.LEADER,
            STOPPED,
            NONE,
            true,
            "ACQUIRED 8: acquired lease at epoch 8",
            "HANDOVER 8: took over from b at epoch 8 after b released it"),
        row(
            "acquired this node's own earlier lease: no failover",
            memory(LocalState.initial(), Directives.NONE, "a"),
            new Outcome.Acquired(eight, T0),
            T0,
            Role.LEADER,
            STOPPED,
            NONE,
            true,
            "ACQUIRED 8: acquired lease at epoch 8"),
        row(
            "acquired a lease handed over by switchover",
            memory(LocalState.initial(), new Directives(false, null, switchover(7, "b", "a")), "b"),
            new Outcome.Acquired(eight, T0),
            T0,
            Role.LEADER,
            STOPPED,
            NONE,
            true,
            "ACQUIRED 8: acquired lease at epoch 8",
            "TOOK_OVER 8: took over from b at epoch 8 by switchover requested by ops"),
        row(
            "acquisition not granted",
            standby(),
            new Outcome.AcquireFailed("lease held"),
            T0,
            Role.STANDBY,
            STOPPED,
            NONE,
            false),
        row(
            "renewed: feed the watchdog",
            memory(leader(RUNNING)),
            new Outcome.Renewed(T0 + S),
            T0 + S,
            Role.LEADER,
            RUNNING,
            FEED,
            false),
        row(
            "renewal refused: the lease is lost",
            memory(leader(RUNNING)),
            new Outcome.RenewRefused(T0 + S),
            T0 + S,
            Role.STANDBY,
            RUNNING,
            NONE,
            true,
            "LOST 7: renewal refused: lease no longer held at epoch 7"),
        row(
            "renewal without answer: still holding",
            memory(leader(RUNNING)),
            new Outcome.RenewFailed(T0 + S, "timeout"),
            T0 + S,
            Role.LEADER,
            RUNNING,
            NONE,
            false),
        row(
            "released at shutdown",
            memory(leader(STOPPED).withShutdownRequested()),
            new Outcome.Released(LeaseAction.RELEASE, "shutting down: releasing lease"),
            T0,
            Role.SHUTDOWN,
            STOPPED,
            NONE,
            true,
            "RELEASED 7: shutting down: releasing lease"),
        row(
            "handed off by switchover",
            memory(leader(STOPPED)),
            new Outcome.Released(
                LeaseAction.HAND_OFF, "switchover to b requested by ops: releasing lease"),
            T0,
            Role.STANDBY,
            STOPPED,
            NONE,
            true,
            "HANDED_OFF 7: switchover to b requested by ops: releasing lease"),
        row(
            "stepped down: cooling down",
            memory(leader(STOPPED)),
            new Outcome.Released(
                LeaseAction.STEP_DOWN, "service crashed 4 times in 5m; stepping down"),
            T0,
            Role.COOLDOWN,
            STOPPED,
            NONE,
            true,
            "STEPPED_DOWN 7: service crashed 4 times in 5m; stepping down"),
        row(
            "dropped: the metastore names another holder",
            memory(leader(RUNNING)),
            new Outcome.Released(LeaseAction.DROP, "lease taken by b at epoch 8; stopping"),
            T0,
            Role.STANDBY,
            RUNNING,
            NONE,
            true,
            "LOST 7: lease taken by b at epoch 8; stopping"),
        row(
            "self-fenced at the local deadline",
            memory(leader(RUNNING)),
            new Outcome.Released(
                LeaseAction.SELF_FENCE, "renew deadline passed at epoch 7; self-fencing"),
            T0 + 6 * S,
            Role.STANDBY,
            RUNNING,
            NONE,
            true,
            "SELF_FENCED 7: renew deadline passed at epoch 7; self-fencing"));
  }

  static Stream<Arguments> metastore() {
    LeaseRecord mine = new LeaseRecord("sched", "a", 7, Duration.ofSeconds(9), false);
    Directives sw = new Directives(false, null, switchover(7, "a", "b"));
    return Stream.of(
        row(
            "a pause seen for the first time",
            standby(),
            new Outcome.Observed(LeaseRecord.vacant("sched"), PAUSED),
            T0,
            Role.STANDBY,
            STOPPED,
            NONE,
            false,
            "PAUSED 0: paused by ops; starting and stopping nothing"),
        row(
            "a pause seen again",
            memory(LocalState.initial(), PAUSED, null),
            new Outcome.Observed(LeaseRecord.vacant("sched"), PAUSED),
            T0,
            Role.STANDBY,
            STOPPED,
            NONE,
            false),
        row(
            "a resume",
            memory(leader(RUNNING), PAUSED, null),
            new Outcome.Observed(mine, Directives.NONE),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false,
            "RESUMED 7: resumed (was paused by ops)"),
        row(
            "a switchover of the held epoch to another node",
            memory(leader(RUNNING)),
            new Outcome.Observed(mine, sw),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false,
            "SWITCHOVER_REQUESTED 7: switchover to b requested by ops"),
        row(
            "a switchover already recorded",
            new ControllerMemory(
                leader(RUNNING), sw, Takeover.Seen.NOTHING, 7, false, 0, T0, false),
            new Outcome.Observed(mine, sw),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false),
        row(
            "a switchover seen by a standby is not its to record",
            standby(),
            new Outcome.Observed(mine, sw),
            T0,
            Role.STANDBY,
            STOPPED,
            NONE,
            false),
        row(
            "the metastore becomes unreachable",
            memory(leader(RUNNING)),
            new Outcome.Unreachable("timeout"),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false,
            "METASTORE_UNREACHABLE 7: metastore unreachable: timeout"),
        row(
            "the metastore rejects sfc (a password changed): recorded as a rejection",
            memory(leader(RUNNING)),
            new Outcome.Unreachable("access denied", true),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false,
            "METASTORE_UNREACHABLE 7: metastore rejected: access denied"),
        row(
            "the metastore is still unreachable",
            new ControllerMemory(
                leader(RUNNING), Directives.NONE, Takeover.Seen.NOTHING, 0, true, T0, T0, false),
            new Outcome.Unreachable("timeout"),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false),
        row(
            "the controller did not run for 15.2 s: recorded as a stall, not a metastore problem",
            memory(leader(RUNNING)),
            new Outcome.Stalled(15_200_000_000L),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false,
            "CONTROLLER_STALLED 7: controller did not run for 15.2 s (stopped, starved or"
                + " paused); not a metastore problem"),
        row(
            "a read that times out right after a stall is blamed on the stall",
            stalled(memory(leader(RUNNING))),
            new Outcome.Unreachable("no answer within 2000 ms"),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false),
        row(
            "a rejection right after a stall is still recorded",
            stalled(memory(leader(RUNNING))),
            new Outcome.Unreachable("access denied", true),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false,
            "METASTORE_UNREACHABLE 7: metastore rejected: access denied"),
        row(
            "the second failed read after a stall is the metastore's",
            T.apply(
                    stalled(memory(leader(RUNNING))),
                    new Outcome.Unreachable("no answer within 2000 ms"),
                    T0)
                .next(),
            new Outcome.Unreachable("no answer within 2000 ms"),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false,
            "METASTORE_UNREACHABLE 7: metastore unreachable: no answer within 2000 ms"),
        row(
            "clearing the finished switchover failed",
            memory(leader(RUNNING), sw, null),
            new Outcome.ClearFailed("timeout"),
            T0,
            Role.LEADER,
            RUNNING,
            NONE,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"instance", "lease", "metastore"})
  void transitions(
      String name,
      ControllerMemory m,
      Outcome o,
      long now,
      Role role,
      ServiceState service,
      InstanceAction action,
      boolean again,
      List<String> events) {
    Transition t = T.apply(m, o, now);
    assertThat(t.events())
        .extracting(e -> e.kind() + " " + e.epoch() + ": " + e.reason())
        .containsExactlyElementsOf(events);
    assertThat(t.next().local().role(now)).as("role").isEqualTo(role);
    assertThat(t.next().local().service()).as("service").isEqualTo(service);
    assertThat(t.instance()).as("instance action").isEqualTo(action);
    assertThat(t.again()).as("again").isEqualTo(again);
  }

  @Test
  void aCrashIsCountedAndAStopIsNot() {
    ControllerMemory m = memory(leader(RUNNING));
    assertThat(T.apply(m, new Outcome.Exited(1, 1), T0 + S).next().local().crashesSince(0))
        .isEqualTo(1);
    ControllerMemory stopping = memory(leader(RUNNING).stopping(StopPath.PLANNED));
    assertThat(T.apply(stopping, new Outcome.Exited(1, 0), T0 + S).next().local().crashesSince(0))
        .isZero();
  }

  @Test
  void anUnreachableTargetIsNotCountedAsACrashAndANewHoldTriesItAgain() {
    ControllerMemory m = memory(leader(STARTING));
    LocalState next = T.apply(m, new Outcome.TargetUnreachable(1, NO_ROUTE), T0 + S).next().local();
    assertThat(next.crashesSince(0)).isZero();
    assertThat(next.instance().unreachable()).isEqualTo(NO_ROUTE);
    LocalState lost = leader(RUNNING).connectionLost();
    assertThat(
            T.apply(memory(lost), new Outcome.Exited(1, 255), T0 + S)
                .next()
                .local()
                .crashesSince(0))
        .isZero();
    assertThat(next.withoutLease().withLease(MINE, T0).instance().unreachable()).isNull();
  }

  @Test
  void lookingRemembersTheFreeLeasesHolderAndTheTime() {
    LeaseRecord free = new LeaseRecord("sched", "b", 3, Duration.ofSeconds(-1), false);
    ControllerMemory next =
        T.apply(standby(), new Outcome.Observed(free, Directives.NONE), T0 + S).next();
    assertThat(next.seen().last().holder()).isEqualTo("b");
    assertThat(next.lastLookAt()).isEqualTo(T0 + S);
    assertThat(next.metastoreDown()).isFalse();
  }

  @Test
  void aClearedSwitchoverIsForgottenButThePauseIsKept() {
    Directives both = new Directives(true, "ops", switchover(6, "b", "a"));
    ControllerMemory next =
        T.apply(memory(leader(RUNNING), both, null), new Outcome.SwitchoverCleared(), T0).next();
    assertThat(next.directives()).isEqualTo(new Directives(true, "ops", null));
  }

  @Test
  void aFailedRenewalIsStillAnAttempt() {
    ControllerMemory next =
        T.apply(memory(leader(RUNNING)), new Outcome.RenewFailed(T0 + S, "timeout"), T0 + S).next();
    assertThat(next.local().lastRenewAttempt()).isEqualTo(T0 + S);
    assertThat(next.local().renewSentAt()).isEqualTo(T0);
  }

  static final Transitions WITH_STATE =
      new Transitions("a", DeciderTest.WITH_STATE_SPEC, Timings.DEFAULTS);

  static LocalState uploading(LocalState l, boolean owed) {
    StateSync sync = owed ? l.sync().owe() : l.sync();
    return l.withSync(sync.uploading(T0));
  }

  static Arguments stateRow(
      String name,
      Transitions t,
      ControllerMemory m,
      Outcome o,
      long now,
      boolean owed,
      boolean again,
      String... events) {
    return Arguments.of(name, t, m, o, now, owed, again, List.of(events));
  }

  /** Which ends of an instance owe an upload of its state files, and the upload outcomes. */
  static Stream<Arguments> stateFiles() {
    LocalState running = leader(RUNNING);
    return Stream.of(
        stateRow(
            "a planned stop owes an upload",
            WITH_STATE,
            memory(running.stopping(StopPath.PLANNED)),
            new Outcome.Exited(1, 143),
            T0 + S,
            true,
            true,
            "STOPPED 7: service stopped, exit status 143"),
        stateRow(
            "a planned stop that ended in KILL owes none: the files may be torn",
            WITH_STATE,
            memory(running.stopping(StopPath.PLANNED)),
            new Outcome.Exited(1, 137),
            T0 + S,
            false,
            true,
            "STOPPED 7: service stopped, exit status 137; state files not uploaded: killed after"
                + " stop_timeout, they may be torn"),
        stateRow(
            "a deadline stop owes none",
            WITH_STATE,
            memory(running.stopping(StopPath.DEADLINE)),
            new Outcome.Exited(1, 143),
            T0 + S,
            false,
            true,
            "STOPPED 7: service stopped, exit status 143"),
        stateRow(
            "a planned stop cut short by a deadline stop owes none",
            WITH_STATE,
            memory(running.stopping(StopPath.PLANNED).stopping(StopPath.DEADLINE)),
            new Outcome.Exited(1, 143),
            T0 + S,
            false,
            true,
            "STOPPED 7: service stopped, exit status 143"),
        stateRow(
            "a crash owes none",
            WITH_STATE,
            memory(running),
            new Outcome.Exited(1, 1),
            T0 + S,
            false,
            true,
            "CRASHED 7: service exited with status 1"),
        stateRow(
            "the stop after a failed health check owes an upload",
            WITH_STATE,
            memory(running.stoppingUnhealthy(SICK)),
            new Outcome.Exited(1, 143),
            T0 + S,
            true,
            true,
            "CRASHED 7: " + SICK + "; service stopped, exit status 143"),
        stateRow(
            "killed by its watchdog owes none",
            WITH_STATE,
            memory(running),
            new Outcome.Exited(1, 143),
            T0 + 6 * S,
            false,
            true,
            "STOPPED 7: service killed by its watchdog, status 143"),
        stateRow(
            "a service without state files owes nothing",
            T,
            memory(running.stopping(StopPath.PLANNED)),
            new Outcome.Exited(1, 143),
            T0 + S,
            false,
            true,
            "STOPPED 7: service stopped, exit status 143"),
        stateRow(
            "the owed upload succeeded: decide again (release)",
            WITH_STATE,
            memory(uploading(leader(STOPPED), true)),
            new Outcome.StateUploaded(true, "s.db (5 bytes)"),
            T0 + S,
            false,
            true,
            "STATE_UPLOADED 7: state files uploaded after the planned stop: s.db (5 bytes)"),
        stateRow(
            "a periodic upload succeeded: no event",
            WITH_STATE,
            memory(uploading(running, false)),
            new Outcome.StateUploaded(false, "s.db (5 bytes)"),
            T0 + S,
            false,
            false),
        stateRow(
            "the owed upload failed: an event, and the release goes on",
            WITH_STATE,
            memory(uploading(leader(STOPPED), true)),
            new Outcome.StateUploadFailed(true, "metastore: down (s.db)"),
            T0 + S,
            false,
            true,
            "STATE_UPLOAD_FAILED 7: state files not uploaded after the planned stop: metastore:"
                + " down (s.db)"),
        stateRow(
            "a periodic upload failed: recorded once",
            WITH_STATE,
            memory(uploading(running, false)),
            new Outcome.StateUploadFailed(false, "metastore: down (s.db)"),
            T0 + S,
            false,
            false,
            "STATE_UPLOAD_FAILED 7: state files not uploaded: metastore: down (s.db)"),
        stateRow(
            "a periodic upload failed again: not recorded again",
            WITH_STATE,
            memory(uploading(running, false).withSync(new StateSync(false, true, T0, true))),
            new Outcome.StateUploadFailed(false, "metastore: down (s.db)"),
            T0 + S,
            false,
            false),
        stateRow(
            "restored before the start",
            WITH_STATE,
            memory(leader(STARTING)),
            new Outcome.StateRestored(1, "s.db (5 bytes of epoch 6, stored 1.0 s ago)"),
            T0 + S,
            false,
            false,
            "STATE_RESTORED 7: state files restored: s.db (5 bytes of epoch 6, stored 1.0 s ago)"),
        stateRow(
            "a failed restore is an event; the start goes on",
            WITH_STATE,
            memory(leader(STARTING)),
            new Outcome.StateRestoreFailed(1, "metastore: down (s.db)"),
            T0 + S,
            false,
            false,
            "STATE_RESTORE_FAILED 7: state files not restored: metastore: down (s.db); starting"
                + " with the files on this node"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stateFiles")
  void transitionsOfStateFiles(
      String name,
      Transitions t,
      ControllerMemory m,
      Outcome o,
      long now,
      boolean owed,
      boolean again,
      List<String> events) {
    Transition next = t.apply(m, o, now);
    assertThat(next.events())
        .extracting(e -> e.kind() + " " + e.epoch() + ": " + e.reason())
        .containsExactlyElementsOf(events);
    assertThat(next.next().local().sync().owed()).as("upload owed").isEqualTo(owed);
    assertThat(next.again()).as("again").isEqualTo(again);
  }

  @Test
  void anUploadOutcomeEndsTheUploadInFlightAndAStartSchedulesTheFirstPeriodicOne() {
    ControllerMemory m = memory(uploading(leader(RUNNING), false));
    Transition done = WITH_STATE.apply(m, new Outcome.StateUploaded(false, "x"), T0 + S);
    assertThat(done.next().local().sync().inFlight()).isFalse();

    Transition started =
        WITH_STATE.apply(memory(leader(STARTING)), new Outcome.Started(1, 42), T0 + 3 * S);
    assertThat(started.next().local().sync().lastUploadAt()).isEqualTo(T0 + 3 * S);
  }

  @Test
  void losingTheLeaseForgivesTheOwedUpload() {
    LocalState owed = leader(STOPPED).withSync(StateSync.IDLE.owe());
    assertThat(owed.withoutLease().sync().owed()).isFalse();
  }
}
