package io.sfc.core.decide;

import static io.sfc.core.decide.LeaseAction.ACQUIRE;
import static io.sfc.core.decide.LeaseAction.DROP;
import static io.sfc.core.decide.LeaseAction.HAND_OFF;
import static io.sfc.core.decide.LeaseAction.NONE;
import static io.sfc.core.decide.LeaseAction.RELEASE;
import static io.sfc.core.decide.LeaseAction.RENEW;
import static io.sfc.core.decide.LeaseAction.SELF_FENCE;
import static io.sfc.core.decide.LeaseAction.STEP_DOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Directives;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.StateFiles;
import io.sfc.core.model.StopPath;
import io.sfc.core.model.Switchover;
import io.sfc.core.model.Timings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision table: one row per situation, with the exact reason a loop logs. */
class DeciderTest {
  static final long S = 1_000_000_000L;
  static final long T0 = 1_000 * S;
  static final Lease MINE = new Lease("sched", "a", 7);
  static final ServiceSpec SPEC =
      new ServiceSpec(
          "sched",
          List.of("run"),
          null,
          Map.of(),
          "TERM",
          Duration.ofSeconds(2),
          new RestartPolicy(
              Duration.ofSeconds(1),
              Duration.ofSeconds(30),
              3,
              Duration.ofMinutes(5),
              Duration.ofMinutes(1)));
  static final Decider DECIDER = new Decider("a", SPEC, Timings.DEFAULTS);

  static LocalState standby() {
    return LocalState.initial();
  }

  /** Holding since T0, last renewal sent at T0. */
  static LocalState leader(ServiceState service) {
    return LocalState.initial().withLease(MINE, T0).withService(service, 42);
  }

  static LeaseRecord held(String holder, long epoch, long remainingSeconds) {
    return new LeaseRecord("sched", holder, epoch, Duration.ofSeconds(remainingSeconds), false);
  }

  static Arguments row(
      String name, Snapshot s, LeaseAction lease, ServiceAction service, String reason) {
    return Arguments.of(name, s, lease, service, reason);
  }

  static Stream<Arguments> table() {
    LeaseRecord mine = held("a", 7, 9);
    return Stream.of(
        row(
            "vacant lease",
            Snapshot.of(T0, LeaseRecord.vacant("sched"), standby()),
            ACQUIRE,
            ServiceAction.NONE,
            "lease vacant; acquiring"),
        row(
            "expired lease of another node",
            Snapshot.of(T0, held("b", 3, -1), standby()),
            ACQUIRE,
            ServiceAction.NONE,
            "lease of b at epoch 3 free; acquiring"),
        row(
            "valid lease of another node",
            Snapshot.of(T0, held("b", 3, 5), standby()),
            NONE,
            ServiceAction.NONE,
            "standby; lease held by b at epoch 3"),
        row(
            "own lease from an earlier run is not taken over",
            Snapshot.of(T0, held("a", 6, 5), standby()),
            NONE,
            ServiceAction.NONE,
            "standby; lease held by this node (earlier run) at epoch 6"),
        row(
            "standby, metastore down",
            Snapshot.unreachable(T0, "timeout", standby()),
            NONE,
            ServiceAction.NONE,
            "standby; metastore unreachable: timeout"),
        row(
            "fresh leader starts the service",
            Snapshot.of(T0, mine, leader(ServiceState.STOPPED)),
            NONE,
            ServiceAction.START,
            "leader at epoch 7; starting service"),
        row(
            "renewal due",
            Snapshot.of(T0 + S, mine, leader(ServiceState.RUNNING)),
            RENEW,
            ServiceAction.NONE,
            "leader at epoch 7; service running"),
        row(
            "renewal not yet due",
            Snapshot.of(T0 + S / 2, mine, leader(ServiceState.RUNNING)),
            NONE,
            ServiceAction.NONE,
            "leader at epoch 7; service running"),
        row(
            "leader keeps renewing while the metastore is unreachable",
            Snapshot.unreachable(T0 + 2 * S, "refused", leader(ServiceState.RUNNING)),
            RENEW,
            ServiceAction.NONE,
            "leader at epoch 7 (metastore unreachable: refused); service running"),
        row(
            "local deadline passed: self-fence",
            Snapshot.unreachable(T0 + 6 * S, "refused", leader(ServiceState.RUNNING)),
            SELF_FENCE,
            ServiceAction.DEADLINE_STOP,
            "renew deadline passed at epoch 7; self-fencing"),
        row(
            "deadline is checked before what the metastore says",
            Snapshot.of(T0 + 7 * S, mine, leader(ServiceState.RUNNING)),
            SELF_FENCE,
            ServiceAction.DEADLINE_STOP,
            "renew deadline passed at epoch 7; self-fencing"),
        row(
            "lease taken by another node",
            Snapshot.of(T0, held("b", 8, 9), leader(ServiceState.RUNNING)),
            DROP,
            ServiceAction.DEADLINE_STOP,
            "lease taken by b at epoch 8; stopping"),
        row(
            "lease expired on the metastore",
            Snapshot.of(T0, held("a", 7, 0), leader(ServiceState.RUNNING)),
            DROP,
            ServiceAction.DEADLINE_STOP,
            "lease epoch 7 expired on the metastore; stopping"),
        row(
            "lost while the service is already stopping",
            Snapshot.of(T0, held("b", 8, 9), leader(ServiceState.STOPPING)),
            DROP,
            ServiceAction.NONE,
            "lease taken by b at epoch 8; stopping"),
        row(
            "not holding but the service still runs",
            Snapshot.of(T0, held("b", 8, 9), standby().withService(ServiceState.RUNNING, 4)),
            NONE,
            ServiceAction.DEADLINE_STOP,
            "not holding the lease; stopping service"),
        row(
            "not holding, service stopping: wait, do not acquire",
            Snapshot.of(
                T0, LeaseRecord.vacant("sched"), standby().withService(ServiceState.STOPPING, 4)),
            NONE,
            ServiceAction.NONE,
            "not holding the lease; waiting for service to stop"),
        row(
            "not holding, service state unknown: neither stop nor acquire",
            Snapshot.of(
                T0, LeaseRecord.vacant("sched"), standby().withService(ServiceState.UNKNOWN, 4)),
            NONE,
            ServiceAction.NONE,
            "not holding the lease; waiting for service to stop"),
        row(
            "leader with an unknown service state does not start another",
            Snapshot.of(T0 + S, mine, leader(ServiceState.UNKNOWN)),
            RENEW,
            ServiceAction.NONE,
            "leader at epoch 7; service state unknown; not starting another"),
        row(
            "first crash restarts at once",
            Snapshot.of(T0, mine, leader(ServiceState.STOPPED).crashed(T0, 0)),
            NONE,
            ServiceAction.START,
            "leader at epoch 7; restarting service after crash 1"),
        row(
            "second crash waits the initial back-off",
            Snapshot.of(
                T0 + S / 2, mine, leader(ServiceState.STOPPED).crashed(T0 - S, 0).crashed(T0, 0)),
            NONE,
            ServiceAction.NONE,
            "leader at epoch 7; restart back-off after crash 2"),
        row(
            "second crash restarts after the back-off",
            Snapshot.of(
                T0 + S / 2 + S / 2,
                mine,
                leader(ServiceState.STOPPED).crashed(T0 - S, 0).crashed(T0, 0)),
            RENEW,
            ServiceAction.START,
            "leader at epoch 7; restarting service after crash 2"),
        row(
            "crashes outside the window do not count",
            Snapshot.of(
                T0,
                mine,
                leader(ServiceState.STOPPED)
                    .crashed(T0 - 400 * S, 0)
                    .crashed(T0 - 350 * S, 0)
                    .crashed(T0 - 330 * S, 0)
                    .crashed(T0, 0)),
            NONE,
            ServiceAction.START,
            "leader at epoch 7; restarting service after crash 1"),
        row(
            "too many crashes: step down",
            Snapshot.of(
                T0,
                mine,
                leader(ServiceState.STOPPED)
                    .crashed(T0 - 3 * S, 0)
                    .crashed(T0 - 2 * S, 0)
                    .crashed(T0 - S, 0)
                    .crashed(T0, 0)),
            STEP_DOWN,
            ServiceAction.NONE,
            "service crashed 4 times in 5m; stepping down"),
        row(
            "target host unreachable: step down, not a crash",
            Snapshot.of(T0, mine, leader(ServiceState.STARTING).targetUnreachable("no route")),
            STEP_DOWN,
            ServiceAction.NONE,
            "target host unreachable (no route); no reachable target left; stepping down"),
        row(
            "target host unreachable while shutting down: release as usual",
            Snapshot.of(
                T0,
                mine,
                leader(ServiceState.STARTING)
                    .targetUnreachable("no route")
                    .withShutdownRequested()),
            RELEASE,
            ServiceAction.NONE,
            "shutting down: releasing lease"),
        row(
            "connection to the instance lost: unknown, renew, start nothing",
            Snapshot.of(T0 + S, mine, leader(ServiceState.RUNNING).connectionLost()),
            RENEW,
            ServiceAction.NONE,
            "leader at epoch 7; service state unknown; not starting another"),
        row(
            "cooling down: no acquisition",
            Snapshot.of(T0, LeaseRecord.vacant("sched"), standby().coolingDownUntil(T0 + S)),
            NONE,
            ServiceAction.NONE,
            "cooling down after stepping down"),
        row(
            "after the cool-down: acquire again",
            Snapshot.of(T0 + S, LeaseRecord.vacant("sched"), standby().coolingDownUntil(T0 + S)),
            ACQUIRE,
            ServiceAction.NONE,
            "lease vacant; acquiring"),
        row(
            "shutdown while running: stop first, keep renewing",
            Snapshot.of(T0 + S, mine, leader(ServiceState.RUNNING).withShutdownRequested()),
            RENEW,
            ServiceAction.STOP,
            "shutting down: stopping service"),
        row(
            "shutdown while stopping: wait",
            Snapshot.of(T0 + S / 2, mine, leader(ServiceState.STOPPING).withShutdownRequested()),
            NONE,
            ServiceAction.NONE,
            "shutting down: stopping service"),
        row(
            "shutdown after the service stopped: release",
            Snapshot.of(T0, mine, leader(ServiceState.STOPPED).withShutdownRequested()),
            RELEASE,
            ServiceAction.NONE,
            "shutting down: releasing lease"),
        row(
            "shut down: never acquire again",
            Snapshot.of(T0, LeaseRecord.vacant("sched"), standby().withShutdownRequested()),
            NONE,
            ServiceAction.NONE,
            "shut down"));
  }

  static final Directives PAUSED = new Directives(true, "ops", null);

  static Directives switchover(long epoch, String to, long ageSeconds) {
    return new Directives(
        false,
        null,
        new Switchover("sched", "a", epoch, to, "ops", Duration.ofSeconds(ageSeconds)));
  }

  /** Pause and switchover: every rule, and the safety rules that still win over them. */
  static Stream<Arguments> directives() {
    LeaseRecord mine = held("a", 7, 9);
    LeaseRecord released = held("a", 7, 0);
    return Stream.of(
        row(
            "paused leader keeps renewing, service running",
            Snapshot.of(T0 + S, mine, PAUSED, leader(ServiceState.RUNNING)),
            RENEW,
            ServiceAction.NONE,
            "paused by ops; leader at epoch 7; service running"),
        row(
            "paused leader does not start the service",
            Snapshot.of(T0, mine, PAUSED, leader(ServiceState.STOPPED)),
            NONE,
            ServiceAction.NONE,
            "paused by ops; leader at epoch 7; service not running; not starting it while paused"),
        row(
            "paused leader does not restart after a crash",
            Snapshot.of(T0, mine, PAUSED, leader(ServiceState.STOPPED).crashed(T0, 0)),
            NONE,
            ServiceAction.NONE,
            "paused by ops; leader at epoch 7; service not running; not starting it while paused"),
        row(
            "paused leader does not step down after many crashes",
            Snapshot.of(
                T0,
                mine,
                PAUSED,
                leader(ServiceState.STOPPED)
                    .crashed(T0 - 3 * S, 0)
                    .crashed(T0 - 2 * S, 0)
                    .crashed(T0 - S, 0)
                    .crashed(T0, 0)),
            NONE,
            ServiceAction.NONE,
            "paused by ops; leader at epoch 7; service not running; not starting it while paused"),
        row(
            "paused leader keeps renewing while the metastore is unreachable",
            Snapshot.unreachable(T0 + 2 * S, "refused", PAUSED, leader(ServiceState.RUNNING)),
            RENEW,
            ServiceAction.NONE,
            "paused by ops; leader at epoch 7 (metastore unreachable: refused); service running"),
        row(
            "pause does not stop the deadline: self-fence",
            Snapshot.unreachable(T0 + 6 * S, "refused", PAUSED, leader(ServiceState.RUNNING)),
            SELF_FENCE,
            ServiceAction.DEADLINE_STOP,
            "renew deadline passed at epoch 7; self-fencing"),
        row(
            "pause does not keep a lost lease",
            Snapshot.of(T0, held("b", 8, 9), PAUSED, leader(ServiceState.RUNNING)),
            DROP,
            ServiceAction.DEADLINE_STOP,
            "lease taken by b at epoch 8; stopping"),
        row(
            "paused standby does not acquire a free lease",
            Snapshot.of(T0, held("b", 3, -1), PAUSED, standby()),
            NONE,
            ServiceAction.NONE,
            "paused by ops; standby; lease of b at epoch 3 free"),
        row(
            "paused leader with an unknown service state does nothing",
            Snapshot.of(T0, mine, PAUSED, leader(ServiceState.UNKNOWN)),
            NONE,
            ServiceAction.NONE,
            "paused by ops; leader at epoch 7; service state unknown"),
        row(
            "paused standby, lease held",
            Snapshot.of(T0, held("b", 3, 5), PAUSED, standby()),
            NONE,
            ServiceAction.NONE,
            "paused by ops; standby; lease held by b at epoch 3"),
        row(
            "paused standby still stops a stray instance",
            Snapshot.of(
                T0, held("b", 8, 9), PAUSED, standby().withService(ServiceState.RUNNING, 4)),
            NONE,
            ServiceAction.DEADLINE_STOP,
            "not holding the lease; stopping service"),
        row(
            "switchover of my epoch: stop the service",
            Snapshot.of(T0 + S, mine, switchover(7, "b", 0), leader(ServiceState.RUNNING)),
            RENEW,
            ServiceAction.STOP,
            "switchover to b requested by ops: stopping service"),
        row(
            "switchover of my epoch, service stopping: wait",
            Snapshot.of(T0 + S / 2, mine, switchover(7, "b", 0), leader(ServiceState.STOPPING)),
            NONE,
            ServiceAction.NONE,
            "switchover to b requested by ops: stopping service"),
        row(
            "switchover of my epoch, service stopped: hand off",
            Snapshot.of(T0, mine, switchover(7, "b", 1), leader(ServiceState.STOPPED)),
            HAND_OFF,
            ServiceAction.NONE,
            "switchover to b requested by ops: releasing lease"),
        row(
            "switchover of an older epoch is ignored by the holder",
            Snapshot.of(T0, mine, switchover(6, "b", 1), leader(ServiceState.RUNNING)),
            NONE,
            ServiceAction.NONE,
            "leader at epoch 7; service running"),
        row(
            "switchover to the holder itself is ignored",
            Snapshot.of(T0, mine, switchover(7, "a", 1), leader(ServiceState.RUNNING)),
            NONE,
            ServiceAction.NONE,
            "leader at epoch 7; service running"),
        row(
            "pause wins over a switchover",
            Snapshot.of(
                T0,
                mine,
                new Directives(true, "ops", switchover(7, "b", 0).switchover()),
                leader(ServiceState.RUNNING)),
            NONE,
            ServiceAction.NONE,
            "paused by ops; leader at epoch 7; service running"),
        row(
            "switchover does not hold back self-fencing",
            Snapshot.of(T0 + 7 * S, mine, switchover(7, "b", 0), leader(ServiceState.RUNNING)),
            SELF_FENCE,
            ServiceAction.DEADLINE_STOP,
            "renew deadline passed at epoch 7; self-fencing"),
        row(
            "handed-off lease: the old holder does not reacquire",
            Snapshot.of(T0, released, switchover(7, "b", 1), standby()),
            NONE,
            ServiceAction.NONE,
            "lease handed to b by switchover; waiting"),
        row(
            "handed-off lease: the target acquires at once",
            Snapshot.of(T0, released, switchover(7, "a", 1), standby()),
            ACQUIRE,
            ServiceAction.NONE,
            "lease handed to this node by switchover from a; acquiring"),
        row(
            "handed-off lease: after lease_ttl anyone acquires (target died)",
            Snapshot.of(T0, released, switchover(7, "b", 10), standby()),
            ACQUIRE,
            ServiceAction.NONE,
            "lease of this node (earlier run) at epoch 7 free; acquiring"),
        row(
            "request of an older epoch does not reserve a free lease",
            Snapshot.of(T0, held("c", 9, -1), switchover(7, "b", 1), standby()),
            ACQUIRE,
            ServiceAction.NONE,
            "lease of c at epoch 9 free; acquiring"),
        row(
            "target does not take a lease that is still held",
            Snapshot.of(T0, mine, switchover(7, "z", 1), standby()),
            NONE,
            ServiceAction.NONE,
            "standby; lease held by this node (earlier run) at epoch 7"),
        row(
            "cooling-down target stays out",
            Snapshot.of(T0, released, switchover(7, "a", 1), standby().coolingDownUntil(T0 + S)),
            NONE,
            ServiceAction.NONE,
            "cooling down after stepping down"));
  }

  /** The holder in a planned stop: epoch 7 held since T0, its instance stopping. */
  static LocalState plannedStop() {
    return leader(ServiceState.RUNNING).stopping(StopPath.PLANNED);
  }

  /**
   * Which timeout each stop uses: {@link ServiceAction#STOP} is planned ({@code stop_timeout}),
   * {@link ServiceAction#DEADLINE_STOP} is bound by the safety rule ({@code
   * deadline_stop_timeout}). Planned: shutdown and switchover (above, and a health check's restart
   * in TransitionsTest), while the lease is held and renewed. Deadline: a passed deadline, a lost
   * lease, an instance without a lease (above), and each of them during a planned stop, which it
   * cuts short.
   */
  static Stream<Arguments> stopPaths() {
    LeaseRecord mine = held("a", 7, 9);
    LocalState strayInPlannedStop =
        standby().withService(ServiceState.RUNNING, 4).stopping(StopPath.PLANNED);
    LocalState strayInDeadlineStop =
        standby().withService(ServiceState.RUNNING, 4).stopping(StopPath.DEADLINE);
    return Stream.of(
        row(
            "planned stop under way: renew, no second stop",
            Snapshot.of(T0 + S, mine, switchover(7, "b", 0), plannedStop()),
            RENEW,
            ServiceAction.NONE,
            "switchover to b requested by ops: stopping service"),
        row(
            "deadline passes during a planned stop: a deadline stop cuts it short",
            Snapshot.unreachable(T0 + 6 * S, "refused", plannedStop().withShutdownRequested()),
            SELF_FENCE,
            ServiceAction.DEADLINE_STOP,
            "renew deadline passed at epoch 7; self-fencing"),
        row(
            "lease lost during a planned stop: a deadline stop cuts it short",
            Snapshot.of(T0, held("b", 8, 9), plannedStop()),
            DROP,
            ServiceAction.DEADLINE_STOP,
            "lease taken by b at epoch 8; stopping"),
        row(
            "no lease during a planned stop (renewal refused): a deadline stop",
            Snapshot.of(T0, held("b", 8, 9), strayInPlannedStop),
            NONE,
            ServiceAction.DEADLINE_STOP,
            "not holding the lease; ending the planned stop within deadline_stop_timeout"),
        row(
            "no lease during a deadline stop: wait for it",
            Snapshot.of(T0, held("b", 8, 9), strayInDeadlineStop),
            NONE,
            ServiceAction.NONE,
            "not holding the lease; waiting for service to stop"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"table", "directives", "stopPaths"})
  void decides(String name, Snapshot s, LeaseAction lease, ServiceAction service, String reason) {
    Decision d = DECIDER.decide(s);
    assertThat(d.reason()).isEqualTo(reason);
    assertThat(d.lease()).as("lease action").isEqualTo(lease);
    assertThat(d.service()).as("service action").isEqualTo(service);
  }

  static final Decider ONLY_B_C =
      new Decider("a", SPEC.withNodes(List.of("b", "c")), Timings.DEFAULTS);
  static final Decider LISTED =
      new Decider("a", SPEC.withNodes(List.of("b", "a")), Timings.DEFAULTS);
  static final Decider NO_CANDIDATE = new Decider("a", false, SPEC, Timings.DEFAULTS);
  static final String NOT_ELIGIBLE = "not eligible: service sched runs only on b, c";
  static final String NOT_CANDIDATE =
      "not a candidate: node a has candidate: false and runs no service";

  static Arguments row(
      String name, Decider d, Snapshot s, LeaseAction lease, ServiceAction service, String reason) {
    return Arguments.of(name, d, s, lease, service, reason);
  }

  /**
   * Placement ({@code nodes:} of the service, {@code candidate:} of the node): a node it excludes
   * never acquires, not even a lease a switchover hands to it; it still stops a stray instance.
   */
  static Stream<Arguments> placement() {
    return Stream.of(
        row(
            "ineligible node, lease vacant",
            ONLY_B_C,
            Snapshot.of(T0, LeaseRecord.vacant("sched"), standby()),
            NONE,
            ServiceAction.NONE,
            NOT_ELIGIBLE),
        row(
            "ineligible node, lease of another node free",
            ONLY_B_C,
            Snapshot.of(T0, held("b", 3, -1), standby()),
            NONE,
            ServiceAction.NONE,
            NOT_ELIGIBLE),
        row(
            "ineligible node while another holds the lease",
            ONLY_B_C,
            Snapshot.of(T0, held("b", 3, 5), standby()),
            NONE,
            ServiceAction.NONE,
            NOT_ELIGIBLE),
        row(
            "ineligible node named by a switchover does not acquire",
            ONLY_B_C,
            Snapshot.of(T0, held("b", 7, 0), switchover(7, "a", 1), standby()),
            NONE,
            ServiceAction.NONE,
            NOT_ELIGIBLE),
        row(
            "ineligible node while paused",
            ONLY_B_C,
            Snapshot.of(T0, held("b", 3, -1), PAUSED, standby()),
            NONE,
            ServiceAction.NONE,
            NOT_ELIGIBLE),
        row(
            "ineligible node, metastore down",
            ONLY_B_C,
            Snapshot.unreachable(T0, "timeout", standby()),
            NONE,
            ServiceAction.NONE,
            NOT_ELIGIBLE),
        row(
            "ineligible node still stops a stray instance",
            ONLY_B_C,
            Snapshot.of(T0, held("b", 3, 5), standby().withService(ServiceState.RUNNING, 4)),
            NONE,
            ServiceAction.DEADLINE_STOP,
            "not holding the lease; stopping service"),
        row(
            "ineligible node shutting down",
            ONLY_B_C,
            Snapshot.of(T0, held("b", 3, 5), standby().withShutdownRequested()),
            NONE,
            ServiceAction.NONE,
            "shut down"),
        row(
            "listed node acquires a vacant lease",
            LISTED,
            Snapshot.of(T0, LeaseRecord.vacant("sched"), standby()),
            ACQUIRE,
            ServiceAction.NONE,
            "lease vacant; acquiring"),
        row(
            "listed node acquires a free lease",
            LISTED,
            Snapshot.of(T0, held("b", 3, -1), standby()),
            ACQUIRE,
            ServiceAction.NONE,
            "lease of b at epoch 3 free; acquiring"),
        row(
            "node with candidate: false, lease vacant",
            NO_CANDIDATE,
            Snapshot.of(T0, LeaseRecord.vacant("sched"), standby()),
            NONE,
            ServiceAction.NONE,
            NOT_CANDIDATE),
        row(
            "node with candidate: false while another holds the lease",
            NO_CANDIDATE,
            Snapshot.of(T0, held("b", 3, 5), standby()),
            NONE,
            ServiceAction.NONE,
            NOT_CANDIDATE),
        row(
            "node with candidate: false named by a switchover does not acquire",
            NO_CANDIDATE,
            Snapshot.of(T0, held("b", 7, 0), switchover(7, "a", 1), standby()),
            NONE,
            ServiceAction.NONE,
            NOT_CANDIDATE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("placement")
  void decidesPlacement(
      String name, Decider d, Snapshot s, LeaseAction lease, ServiceAction service, String reason) {
    Decision out = d.decide(s);
    assertThat(out.reason()).isEqualTo(reason);
    assertThat(out.lease()).as("lease action").isEqualTo(lease);
    assertThat(out.service()).as("service action").isEqualTo(service);
  }

  /** The directive action: the holder of a newer epoch clears a finished switchover request. */
  static Stream<Arguments> directiveActions() {
    LeaseRecord mine = held("a", 7, 9);
    return Stream.of(
        Arguments.of(
            "holder of a newer epoch clears the request",
            Snapshot.of(T0, mine, switchover(6, "a", 1), leader(ServiceState.RUNNING)),
            DirectiveAction.CLEAR_SWITCHOVER),
        Arguments.of(
            "paused holder of a newer epoch clears it too",
            Snapshot.of(
                T0,
                mine,
                new Directives(true, "ops", switchover(6, "a", 1).switchover()),
                leader(ServiceState.RUNNING)),
            DirectiveAction.CLEAR_SWITCHOVER),
        Arguments.of(
            "holder of a newer epoch while the metastore is unreachable tries too",
            Snapshot.unreachable(
                T0 + 2 * S, "refused", switchover(6, "a", 1), leader(ServiceState.RUNNING)),
            DirectiveAction.CLEAR_SWITCHOVER),
        Arguments.of(
            "the request of the held epoch is not finished",
            Snapshot.of(T0, mine, switchover(7, "b", 1), leader(ServiceState.RUNNING)),
            DirectiveAction.NONE),
        Arguments.of(
            "a standby never clears",
            Snapshot.of(T0, held("b", 8, 9), switchover(6, "b", 1), standby()),
            DirectiveAction.NONE),
        Arguments.of(
            "a holder that ends its hold in this loop does not clear",
            Snapshot.of(T0 + 7 * S, mine, switchover(6, "a", 1), leader(ServiceState.RUNNING)),
            DirectiveAction.NONE),
        Arguments.of(
            "no request, nothing to clear",
            Snapshot.of(T0, mine, leader(ServiceState.RUNNING)),
            DirectiveAction.NONE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("directiveActions")
  void decidesTheDirectiveAction(String name, Snapshot s, DirectiveAction action) {
    assertThat(DECIDER.decide(s).directive()).isEqualTo(action);
  }

  static final ServiceSpec WITH_STATE_SPEC =
      SPEC.withState(
          new StateFiles(
              List.of(new StateFiles.File("s.db", java.nio.file.Path.of("/tmp/s.db"))),
              Duration.ofSeconds(30)));
  static final Decider WITH_STATE = new Decider("a", WITH_STATE_SPEC, Timings.DEFAULTS);

  /** Running since T0 under a lease last renewed just before {@code now} (no renewal due). */
  static LocalState runningAt(long now, StateSync sync) {
    return LocalState.initial()
        .withLease(MINE, now - S / 2)
        .withService(ServiceState.RUNNING, 42)
        .withSync(sync);
  }

  static LocalState owing(LocalState l) {
    return l.withSync(l.sync().owe());
  }

  static Arguments stateRow(
      String name,
      Decider decider,
      Snapshot s,
      LeaseAction lease,
      ServiceAction service,
      StateAction state,
      String reason) {
    return Arguments.of(name, decider, s, lease, service, state, reason);
  }

  /** State files: restore before the first start under an epoch, periodic and owed uploads. */
  static Stream<Arguments> stateActions() {
    LeaseRecord mine = held("a", 7, 9);
    StateSync since = StateSync.IDLE.runningSince(T0);
    LocalState crashedOnce = leader(ServiceState.STOPPED).starting().crashed(T0, 0);
    LocalState stoppedAfterPlannedStop = owing(leader(ServiceState.STOPPED));
    return Stream.of(
        stateRow(
            "first start under the epoch restores the stored copies",
            WITH_STATE,
            Snapshot.of(T0, mine, leader(ServiceState.STOPPED)),
            NONE,
            ServiceAction.START,
            StateAction.RESTORE,
            "leader at epoch 7; starting service"),
        stateRow(
            "a restart under the same epoch keeps the node's files",
            WITH_STATE,
            Snapshot.of(T0 + S, mine, crashedOnce.renewed(T0 + S)),
            NONE,
            ServiceAction.START,
            StateAction.NONE,
            "leader at epoch 7; restarting service after crash 1"),
        stateRow(
            "a service without state files restores nothing",
            DECIDER,
            Snapshot.of(T0, mine, leader(ServiceState.STOPPED)),
            NONE,
            ServiceAction.START,
            StateAction.NONE,
            "leader at epoch 7; starting service"),
        stateRow(
            "periodic upload due state_interval after the start",
            WITH_STATE,
            Snapshot.of(T0 + 30 * S, mine, runningAt(T0 + 30 * S, since)),
            NONE,
            ServiceAction.NONE,
            StateAction.UPLOAD,
            "leader at epoch 7; service running"),
        stateRow(
            "periodic upload not yet due",
            WITH_STATE,
            Snapshot.of(T0 + 29 * S, mine, runningAt(T0 + 29 * S, since)),
            NONE,
            ServiceAction.NONE,
            StateAction.NONE,
            "leader at epoch 7; service running"),
        stateRow(
            "no periodic upload while one runs",
            WITH_STATE,
            Snapshot.of(T0 + 60 * S, mine, runningAt(T0 + 60 * S, since.uploading(T0 + S))),
            NONE,
            ServiceAction.NONE,
            StateAction.NONE,
            "leader at epoch 7; service running"),
        stateRow(
            "no periodic upload while the metastore is unreachable",
            WITH_STATE,
            Snapshot.unreachable(T0 + 30 * S, "timeout", runningAt(T0 + 30 * S, since)),
            NONE,
            ServiceAction.NONE,
            StateAction.NONE,
            "leader at epoch 7 (metastore unreachable: timeout); service running"),
        stateRow(
            "periodic upload while paused",
            WITH_STATE,
            Snapshot.of(T0 + 30 * S, mine, PAUSED, runningAt(T0 + 30 * S, since)),
            NONE,
            ServiceAction.NONE,
            StateAction.UPLOAD,
            "paused by ops; leader at epoch 7; service running"),
        stateRow(
            "a service without state files never uploads",
            DECIDER,
            Snapshot.of(T0 + 30 * S, mine, runningAt(T0 + 30 * S, since)),
            NONE,
            ServiceAction.NONE,
            StateAction.NONE,
            "leader at epoch 7; service running"),
        stateRow(
            "switchover: the owed upload comes before the hand-off",
            WITH_STATE,
            Snapshot.of(T0, mine, switchover(7, "b", 1), stoppedAfterPlannedStop),
            NONE,
            ServiceAction.NONE,
            StateAction.UPLOAD,
            "leader at epoch 7; uploading the state files after the planned stop"),
        stateRow(
            "shutdown: the owed upload comes before the release",
            WITH_STATE,
            Snapshot.of(T0, mine, stoppedAfterPlannedStop.withShutdownRequested()),
            NONE,
            ServiceAction.NONE,
            StateAction.UPLOAD,
            "leader at epoch 7; uploading the state files after the planned stop"),
        stateRow(
            "the hand-off waits for the owed upload, renewing meanwhile",
            WITH_STATE,
            Snapshot.of(
                T0 + S,
                mine,
                switchover(7, "b", 1),
                stoppedAfterPlannedStop.withSync(stoppedAfterPlannedStop.sync().uploading(T0))),
            RENEW,
            ServiceAction.NONE,
            StateAction.NONE,
            "leader at epoch 7; waiting for the state files to upload"),
        stateRow(
            "after the owed upload the hand-off releases",
            WITH_STATE,
            Snapshot.of(T0, mine, switchover(7, "b", 1), leader(ServiceState.STOPPED)),
            HAND_OFF,
            ServiceAction.NONE,
            StateAction.NONE,
            "switchover to b requested by ops: releasing lease"),
        stateRow(
            "a restart after a failed health check waits for the owed upload",
            WITH_STATE,
            Snapshot.of(T0 + 2 * S, mine, owing(crashedOnce.renewed(T0 + 2 * S))),
            NONE,
            ServiceAction.NONE,
            StateAction.UPLOAD,
            "leader at epoch 7; uploading the state files after the planned stop"),
        stateRow(
            "lease lost while an upload is owed: drop, no upload",
            WITH_STATE,
            Snapshot.of(T0, held("b", 8, 9), stoppedAfterPlannedStop),
            DROP,
            ServiceAction.NONE,
            StateAction.NONE,
            "lease taken by b at epoch 8; stopping"),
        stateRow(
            "deadline passed while an upload is owed: self-fence, no upload",
            WITH_STATE,
            Snapshot.unreachable(T0 + 6 * S, "timeout", stoppedAfterPlannedStop),
            SELF_FENCE,
            ServiceAction.NONE,
            StateAction.NONE,
            "renew deadline passed at epoch 7; self-fencing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stateActions")
  void decidesTheStateAction(
      String name,
      Decider decider,
      Snapshot s,
      LeaseAction lease,
      ServiceAction service,
      StateAction state,
      String reason) {
    Decision d = decider.decide(s);
    assertThat(d.reason()).isEqualTo(reason);
    assertThat(d.lease()).as("lease action").isEqualTo(lease);
    assertThat(d.service()).as("service action").isEqualTo(service);
    assertThat(d.state()).as("state action").isEqualTo(state);
  }
}
