package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sfc.core.health.HealthMonitor;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.StopPath;
import io.sfc.core.model.Timings;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import io.sfc.core.port.TargetUnreachableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The controller's actions on a manual clock, an in-memory lease store and a fake runner; every
 * executor runs tasks inline, so each round is deterministic.
 */
class ServiceControllerTest {
  static final long S = 1_000_000_000L;
  long now = 1_000 * S;
  final InMemoryLeaseStore store = new InMemoryLeaseStore(() -> now);
  final InMemoryDirectiveStore directives = new InMemoryDirectiveStore(() -> now);
  final InMemoryStateStore states = new InMemoryStateStore(store, () -> now);
  final List<Event> events = new ArrayList<>();
  final List<FakeHandle> started = new ArrayList<>();
  final List<Runnable> inbox = new ArrayList<>();
  final ServiceSpec spec =
      new ServiceSpec(
          "sched",
          List.of("x"),
          null,
          Map.of(),
          "TERM",
          Duration.ofSeconds(2),
          RestartPolicy.DEFAULTS);

  final class FakeHandle implements ServiceHandle {
    final long pid = 100 + started.size();
    final NodeRunner.ExitListener onExit;
    final List<Duration> feeds = new ArrayList<>();
    final List<StopPath> stops = new ArrayList<>();
    final Duration budget;

    FakeHandle(Duration budget, NodeRunner.ExitListener onExit) {
      this.budget = budget;
      this.onExit = onExit;
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public void feed(Duration b) {
      feeds.add(b);
    }

    @Override
    public void stop(StopPath path, Duration budget) {
      stops.add(path);
      onExit.exited(143);
    }
  }

  /** Thrown by the next starts while set. */
  IOException failStart;

  final NodeRunner runner =
      (spec, epoch, budget, onExit) -> {
        if (failStart != null) {
          throw failStart;
        }
        FakeHandle h = new FakeHandle(budget, onExit);
        started.add(h);
        return h;
      };

  final RecordingReports log = new RecordingReports(events);
  Executor actions = Runnable::run;

  ServiceController controller(String node) {
    return controller(node, spec, runner);
  }

  /** A controller of {@code node} for {@code spec}, on this fixture's stores, clock and inbox. */
  ServiceController controller(String node, ServiceSpec spec, NodeRunner runner) {
    return controller(node, spec, runner, true);
  }

  /** As above, on a node with {@code candidate: candidate}. */
  ServiceController controller(
      String node, ServiceSpec spec, NodeRunner runner, boolean candidate) {
    Reporter reporter = new Reporter(log, log, Runnable::run, 100, () -> 0L, () -> 0L);
    var ctx =
        new ServiceController.Context(
            node,
            Timings.DEFAULTS,
            store,
            directives,
            states,
            MetastoreCaller.direct(),
            runner,
            reporter,
            actions,
            () -> now,
            inbox::add);
    return new ServiceController(ctx, spec, HealthMonitor.none(), candidate);
  }

  /** Runs one loop round: inbox first, then a step. */
  void round(ServiceController c) {
    List<Runnable> tasks = new ArrayList<>(inbox);
    inbox.clear();
    tasks.forEach(Runnable::run);
    c.step();
  }

  List<EventKind> kinds() {
    return events.stream().map(Event::kind).toList();
  }

  @Test
  void acquiresAndStartsInOneRoundWithTheBudgetUntilTheDeadline() {
    ServiceController a = controller("a");
    round(a);
    round(a);
    assertThat(a.state().service()).isEqualTo(ServiceState.RUNNING);
    assertThat(a.lastReason()).isEqualTo("leader at epoch 1; service running");
    assertThat(started).hasSize(1);
    assertThat(started.get(0).budget).isEqualTo(Duration.ofSeconds(6));
    assertThat(kinds()).containsExactly(EventKind.ACQUIRED, EventKind.STARTED);
  }

  /**
   * Placement: a controller that the service's {@code nodes:} list leaves out, or whose node has
   * {@code candidate: false}, never acquires the vacant lease and never starts an instance; a
   * listed candidate then takes it.
   */
  @Test
  void aNodeThatPlacementExcludesNeverAcquires() throws Exception {
    ServiceController a = controller("a", spec.withNodes(List.of("b", "c")), runner);
    ServiceController c = controller("c", spec.withNodes(List.of("b", "c")), runner, false);
    for (int i = 0; i < 3; i++) {
      round(a);
      round(c);
      now += S;
    }
    assertThat(a.lastReason()).isEqualTo("not eligible: service sched runs only on b, c");
    assertThat(c.lastReason())
        .isEqualTo("not a candidate: node c has candidate: false and runs no service");
    assertThat(store.read("sched").holder()).isNull();
    assertThat(started).isEmpty();
    assertThat(events).isEmpty();

    ServiceController b = controller("b", spec.withNodes(List.of("b", "c")), runner);
    round(b);
    assertThat(store.read("sched").holder()).isEqualTo("b");
  }

  /**
   * A launch the action executor rejects (it is shut down, or a bounded one is full) is a failed
   * start, counted as a crash; it never runs on the loop thread and never escapes the step.
   */
  @Test
  void aLaunchTheActionExecutorRejectsIsAFailedStart() {
    actions =
        task -> {
          throw new RejectedExecutionException("sfc-actions rejected a task: shut down");
        };
    ServiceController a = controller("a");
    round(a);
    round(a);
    assertThat(started).isEmpty();
    assertThat(events)
        .extracting(Event::kind, Event::reason)
        .startsWith(
            tuple(EventKind.ACQUIRED, "acquired lease at epoch 1"),
            tuple(
                EventKind.CRASHED,
                "service failed to start: launch rejected: sfc-actions rejected a task: shut"
                    + " down"));
  }

  @Test
  void feedsTheWatchdogAfterEachRenewalWithTheTimeLeft() {
    ServiceController a = controller("a");
    round(a);
    round(a);
    now += S;
    round(a);
    assertThat(started.get(0).feeds).containsExactly(Duration.ofSeconds(6));
  }

  @Test
  void crashRestartsInTheSameRound() {
    ServiceController a = controller("a");
    round(a);
    round(a);
    started.get(0).onExit.exited(1);
    round(a);
    round(a);
    assertThat(started).hasSize(2);
    assertThat(a.state().service()).isEqualTo(ServiceState.RUNNING);
    assertThat(kinds()).contains(EventKind.CRASHED);
  }

  @Test
  void repeatedCrashesStepDownAndAnotherNodeTakesOver() {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    for (int i = 0; i < 4; i++) {
      for (int second = 0; second < 5; second++) {
        round(a);
        now += S;
      }
      assertThat(a.state().service()).isEqualTo(ServiceState.RUNNING);
      started.get(started.size() - 1).onExit.exited(1);
      round(a);
    }
    assertThat(kinds()).contains(EventKind.STEPPED_DOWN);
    assertThat(a.lastReason()).isEqualTo("cooling down after stepping down");
    round(b);
    assertThat(b.state().epoch()).isEqualTo(2);
  }

  @Test
  void anUnreachableTargetIsNotACrashAndTheHolderStepsDownSoAnotherCanTry() {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    failStart = new TargetUnreachableException("cannot connect to a: Connection refused", null);
    round(a);
    round(a);
    assertThat(kinds())
        .containsExactly(
            EventKind.ACQUIRED, EventKind.PLACEMENT_UNREACHABLE, EventKind.STEPPED_DOWN);
    assertThat(a.state().holding()).isFalse();
    assertThat(a.state().crashesSince(0)).isZero();
    failStart = null;
    round(b);
    round(b);
    assertThat(b.state().epoch()).isEqualTo(2);
    assertThat(b.state().service()).isEqualTo(ServiceState.RUNNING);
  }

  @Test
  void aLostConnectionIsUnknownUntilTheExitThenStartedAgainWithoutACrash() {
    ServiceController a = controller("a");
    round(a);
    round(a);
    started.get(0).onExit.lost("channel closed without an exit status");
    round(a);
    assertThat(a.state().service()).isEqualTo(ServiceState.UNKNOWN);
    assertThat(a.lastReason())
        .isEqualTo("leader at epoch 1; service state unknown; not starting another");
    assertThat(started).hasSize(1);
    started.get(0).onExit.exited(255);
    round(a);
    round(a);
    assertThat(started).hasSize(2);
    assertThat(a.state().service()).isEqualTo(ServiceState.RUNNING);
    assertThat(kinds()).doesNotContain(EventKind.CRASHED);
  }

  @Test
  void metastoreOutageSelfFencesAtTheDeadline() {
    ServiceController a = controller("a");
    round(a);
    round(a);
    store.down = true;
    now += 5 * S;
    round(a);
    assertThat(a.state().holding()).isTrue();
    now += S;
    round(a);
    round(a);
    assertThat(a.state().holding()).isFalse();
    assertThat(a.state().service()).isEqualTo(ServiceState.STOPPED);
    assertThat(kinds()).containsSubsequence(EventKind.SELF_FENCED, EventKind.STOPPED);
    assertThat(started.get(0).stops).containsExactly(StopPath.DEADLINE);
  }

  @Test
  void aShutdownIsAPlannedStop() {
    ServiceController a = controller("a");
    round(a);
    round(a);
    a.shutdown();
    round(a);
    assertThat(started.get(0).stops).containsExactly(StopPath.PLANNED);
  }

  @Test
  void standbyDoesNotAcquireAValidLease() {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    round(a);
    round(b);
    assertThat(b.state().holding()).isFalse();
    assertThat(b.lastReason()).isEqualTo("standby; lease held by a at epoch 1");
  }

  @Test
  void shutdownStopsThenReleasesSoAStandbyTakesOverAtOnce() {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    round(a);
    round(a);
    a.shutdown();
    round(a);
    round(a);
    assertThat(a.isDone()).isTrue();
    assertThat(kinds()).containsSubsequence(EventKind.STOPPED, EventKind.RELEASED);
    round(b);
    assertThat(b.state().epoch()).isEqualTo(2);
  }

  @Test
  void metastoreUnreachableIsRecordedOncePerOutage() {
    ServiceController a = controller("a");
    round(a);
    round(a);
    store.down = true;
    round(a);
    now += S;
    round(a);
    store.down = false;
    now += S;
    round(a);
    store.down = true;
    round(a);
    assertThat(events.stream().filter(e -> e.kind() == EventKind.METASTORE_UNREACHABLE))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.reason()).startsWith("metastore unreachable: "));
  }

  /**
   * A rejection after a successful start is recorded as a rejection (not "unreachable") and logged
   * as one ERROR per minute while the loop keeps retrying.
   */
  @Test
  void metastoreRejectionIsRecordedAsSuchAndLoggedOnceAMinute() {
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger(ServiceController.class.getName());
    List<java.util.logging.LogRecord> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler h =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            if (r.getLevel() == java.util.logging.Level.SEVERE) {
              errors.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(h);
    java.util.logging.Level level = log.getLevel();
    log.setLevel(java.util.logging.Level.ALL); // whatever another test set on io.sfc
    try {
      ServiceController a = controller("a");
      round(a);
      store.rejecting = true;
      for (int i = 0; i < 30; i++) {
        now += S;
        round(a);
      }
      assertThat(errors).hasSize(1);
      for (int i = 0; i < 31; i++) {
        now += S;
        round(a);
      }
      assertThat(errors).hasSize(2);
      assertThat(errors.get(0).getParameters()[1].toString())
          .isEqualTo("metastore rejected: access denied");
      assertThat(events.stream().filter(e -> e.kind() == EventKind.METASTORE_UNREACHABLE))
          .singleElement()
          .satisfies(e -> assertThat(e.reason()).isEqualTo("metastore rejected: access denied"));
    } finally {
      log.removeHandler(h);
      log.setLevel(level);
    }
  }

  @Test
  void theEndOfAnOutageIsRecordedWithItsLength() {
    ServiceController a = controller("a");
    round(a);
    store.down = true;
    round(a);
    now += 20 * S + S / 4;
    round(a);
    store.down = false;
    now += S;
    round(a);
    round(a);
    assertThat(events.stream().filter(e -> e.kind() == EventKind.METASTORE_REACHABLE))
        .extracting(Event::reason)
        .containsExactly("metastore reachable again after 21.3 s unreachable");
    assertThat(kinds())
        .containsSubsequence(EventKind.METASTORE_UNREACHABLE, EventKind.METASTORE_REACHABLE);
  }

  @Test
  void takingOverAnExpiredLeaseIsAFailover() {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    round(a);
    round(a);
    round(b);
    // a's controller is killed: it renews no more, its lease expires
    now += 11 * S;
    round(b);
    assertThat(takeovers())
        .containsExactly(
            tuple(EventKind.FAILOVER, "b", "took over from a at epoch 2 after its lease expired"));
  }

  @Test
  void takingOverAfterAShutdownIsAHandoverNotAFailover() {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    round(a);
    round(a);
    round(b);
    a.shutdown();
    round(a);
    round(a);
    round(b);
    assertThat(takeovers())
        .containsExactly(
            tuple(EventKind.HANDOVER, "b", "took over from a at epoch 2 after a released it"));
  }

  @Test
  void takingOverAfterAStepDownIsAHandover() {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    round(a);
    round(b);
    for (int i = 0; i < 4; i++) {
      for (int second = 0; second < 5; second++) {
        round(a);
        now += S;
      }
      started.get(started.size() - 1).onExit.exited(1);
      round(a);
    }
    round(b);
    assertThat(kinds()).contains(EventKind.STEPPED_DOWN);
    assertThat(takeovers()).extracting(t -> t.toList().get(0)).containsExactly(EventKind.HANDOVER);
  }

  @Test
  void aColdRestartOfACleanlyStoppedClusterIsNeitherFailoverNorHandover() {
    ServiceController a = controller("a");
    round(a);
    round(a);
    a.shutdown();
    round(a);
    round(a);
    now += 600 * S;
    ServiceController b = controller("b");
    round(b);
    round(b);
    assertThat(b.state().epoch()).isEqualTo(2);
    assertThat(takeovers()).isEmpty();
  }

  /** The FAILOVER, HANDOVER and TOOK_OVER events: kind, node, reason. */
  private List<org.assertj.core.groups.Tuple> takeovers() {
    return events.stream()
        .filter(
            e ->
                e.kind() == EventKind.FAILOVER
                    || e.kind() == EventKind.HANDOVER
                    || e.kind() == EventKind.TOOK_OVER)
        .map(e -> tuple(e.kind(), e.node(), e.reason()))
        .toList();
  }

  @Test
  void pauseKeepsTheLeaseAndDoesNotRestartACrashedService() throws Exception {
    ServiceController a = controller("a");
    round(a);
    round(a);
    directives.pause("sched", "ops");
    round(a);
    started.get(0).onExit.exited(1);
    for (int i = 0; i < 10; i++) {
      now += S;
      round(a);
    }
    assertThat(a.state().holding()).isTrue();
    assertThat(started).hasSize(1);
    assertThat(a.lastReason())
        .isEqualTo(
            "paused by ops; leader at epoch 1; service not running; not starting it while paused");
    directives.resume("sched");
    round(a);
    round(a);
    assertThat(started).hasSize(2);
    assertThat(kinds())
        .containsSubsequence(
            EventKind.PAUSED, EventKind.CRASHED, EventKind.RESUMED, EventKind.STARTED);
  }

  @Test
  void everyNodeRecordsThePauseOnceAndAStandbyDoesNotAcquire() throws Exception {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    directives.pause("*", "ops");
    round(a);
    round(b);
    round(a);
    assertThat(a.state().holding()).isFalse();
    assertThat(b.lastReason()).isEqualTo("paused by ops; standby; lease vacant");
    assertThat(events.stream().filter(e -> e.kind() == EventKind.PAUSED))
        .extracting(Event::node)
        .containsExactly("a", "b");
  }

  @Test
  void switchoverStopsReleasesAndTheTargetTakesOverAndClearsTheRequest() throws Exception {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    ServiceController c = controller("c");
    round(a);
    round(a);
    round(b);
    round(c);
    directives.requestSwitchover(
        new io.sfc.core.model.Switchover("sched", "a", 1, "c", "ops", Duration.ZERO));
    round(a);
    round(a);
    assertThat(a.state().holding()).isFalse();
    round(a);
    round(b);
    assertThat(b.lastReason()).isEqualTo("lease handed to c by switchover; waiting");
    assertThat(a.lastReason()).isEqualTo("lease handed to c by switchover; waiting");
    round(c);
    round(c);
    assertThat(c.state().epoch()).isEqualTo(2);
    assertThat(c.state().service()).isEqualTo(ServiceState.RUNNING);
    assertThat(directives.read("sched").switchover()).isNull();
    assertThat(kinds())
        .containsSubsequence(
            EventKind.SWITCHOVER_REQUESTED,
            EventKind.STOPPED,
            EventKind.HANDED_OFF,
            EventKind.ACQUIRED,
            EventKind.TOOK_OVER,
            EventKind.STARTED)
        .doesNotContain(EventKind.FAILOVER, EventKind.HANDOVER);
  }

  @Test
  void aStaleSwitchoverNoLongerReservesTheLease() throws Exception {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    round(a);
    round(a);
    round(b);
    directives.requestSwitchover(
        new io.sfc.core.model.Switchover("sched", "a", 1, "dead", "ops", Duration.ZERO));
    round(a);
    round(b);
    assertThat(b.state().holding()).isFalse();
    now += 10 * S;
    round(b);
    assertThat(b.state().epoch()).isEqualTo(2);
    assertThat(directives.read("sched").switchover()).isNull();
  }

  @Test
  void directivesUnreadableMeansNothingIsStarted() throws Exception {
    ServiceController a = controller("a");
    directives.down = true;
    round(a);
    assertThat(a.state().holding()).isFalse();
    assertThat(a.lastReason()).isEqualTo("standby; metastore unreachable: down");
  }

  @Test
  void aVacantLeaseIsNoFailover() {
    ServiceController a = controller("a");
    round(a);
    assertThat(a.state().holding()).isTrue();
    assertThat(takeovers()).isEmpty();
  }
}
