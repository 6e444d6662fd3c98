package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.health.HealthMonitor;
import io.sfc.core.health.ManualTimer;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.HealthCheckSpec;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.StopPath;
import io.sfc.core.model.Timings;
import io.sfc.core.port.HealthCheck.Result;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An unhealthy instance is stopped and counted as a crash, so the Decider's back-off and step-down
 * rules apply unchanged. Manual clock, inline executors; one loop round per simulated second.
 */
class ServiceControllerHealthTest {
  static final Duration SEC = Duration.ofSeconds(1);
  final ManualTimer timer = new ManualTimer(1_000_000_000_000L);
  final InMemoryLeaseStore store = new InMemoryLeaseStore(timer::now);
  final InMemoryDirectiveStore directives = new InMemoryDirectiveStore(timer::now);
  final List<Event> events = new ArrayList<>();
  final List<Runnable> inbox = new ArrayList<>();
  final List<NodeRunner.ExitListener> running = new ArrayList<>();
  final AtomicBoolean healthy = new AtomicBoolean(true);
  int starts;

  final NodeRunner runner =
      (spec, epoch, budget, onExit) -> {
        starts++;
        running.add(onExit);
        long pid = 100 + starts;
        return new ServiceHandle() {
          @Override
          public long pid() {
            return pid;
          }

          @Override
          public void feed(Duration b) {}

          @Override
          public void stop(StopPath path, Duration budget) {
            onExit.exited(143);
          }
        };
      };

  final RecordingReports log = new RecordingReports(events);

  ServiceController controller(RestartPolicy policy, int threshold) {
    ServiceSpec spec =
        new ServiceSpec("sched", List.of("x"), null, Map.of(), "TERM", SEC.multipliedBy(2), policy);
    Reporter reporter = new Reporter(log, log, Runnable::run, 100, () -> 0L, () -> 0L);
    var ctx =
        new ServiceController.Context(
            "a",
            Timings.DEFAULTS,
            store,
            directives,
            new InMemoryStateStore(store, timer::now),
            MetastoreCaller.direct(),
            runner,
            reporter,
            Runnable::run,
            timer::now,
            inbox::add);
    var check = new HealthCheckSpec("http", SEC, Duration.ofMillis(500), threshold, Duration.ZERO);
    HealthMonitor monitor =
        new HealthMonitor(
            "sched",
            List.of(
                new HealthMonitor.Probe(
                    check,
                    () -> healthy.get() ? Result.healthy("200") : Result.unhealthy("HTTP 503"))),
            timer,
            Runnable::run,
            timer::now);
    return new ServiceController(ctx, spec, monitor, true);
  }

  void seconds(ServiceController c, int n) {
    for (int i = 0; i < n; i++) {
      List<Runnable> tasks = new ArrayList<>(inbox);
      inbox.clear();
      tasks.forEach(Runnable::run);
      c.step();
      timer.advance(SEC);
    }
  }

  List<EventKind> kinds() {
    return events.stream().map(Event::kind).toList();
  }

  List<Event> of(EventKind kind) {
    return events.stream().filter(e -> e.kind() == kind).toList();
  }

  @Test
  void unhealthyInstanceIsStoppedAndRestartedAsACrash() {
    ServiceController c = controller(RestartPolicy.DEFAULTS, 3);
    seconds(c, 3);
    assertThat(c.state().service()).isEqualTo(ServiceState.RUNNING);
    healthy.set(false);
    seconds(c, 3);
    healthy.set(true);
    seconds(c, 3);
    assertThat(of(EventKind.UNHEALTHY))
        .extracting(Event::reason)
        .containsExactly("health check http failed 3 times: HTTP 503; stopping the service");
    assertThat(of(EventKind.CRASHED))
        .extracting(Event::reason)
        .containsExactly(
            "health check http failed 3 times: HTTP 503; service stopped, exit status 143");
    assertThat(starts).isEqualTo(2);
    assertThat(c.state().service()).isEqualTo(ServiceState.RUNNING);
    assertThat(c.state().holding()).isTrue();
  }

  @Test
  void aPersistentlyUnhealthyServiceStepsDownLikeACrashLoop() {
    ServiceController c = controller(RestartPolicy.DEFAULTS, 2);
    seconds(c, 2);
    healthy.set(false);
    seconds(c, 60);
    assertThat(of(EventKind.STEPPED_DOWN)).hasSize(1);
    assertThat(of(EventKind.CRASHED)).hasSize(RestartPolicy.DEFAULTS.maxRestarts() + 1);
    assertThat(starts).isEqualTo(RestartPolicy.DEFAULTS.maxRestarts() + 1);
    assertThat(c.state().holding()).isFalse();
  }

  @Test
  void aFlappingCheckBelowTheThresholdNeverRestarts() {
    ServiceController c = controller(RestartPolicy.DEFAULTS, 3);
    seconds(c, 2);
    for (int i = 0; i < 60; i++) {
      healthy.set(i % 3 != 2);
      seconds(c, 1);
      healthy.set(false);
      seconds(c, 1);
      healthy.set(true);
      seconds(c, 1);
    }
    assertThat(starts).isEqualTo(1);
    assertThat(of(EventKind.UNHEALTHY)).isEmpty();
  }

  @Test
  void aFlappingCheckOverTheThresholdRestartsAtMostMaxRestartsThenStepsDown() {
    ServiceController c = controller(RestartPolicy.DEFAULTS, 2);
    seconds(c, 2);
    for (int i = 0; i < 100; i++) {
      healthy.set(i % 5 < 3);
      seconds(c, 1);
    }
    int stepDown = kinds().indexOf(EventKind.STEPPED_DOWN);
    assertThat(stepDown).isPositive();
    long crashesBefore =
        kinds().subList(0, stepDown).stream().filter(k -> k == EventKind.CRASHED).count();
    long startsBefore =
        kinds().subList(0, stepDown).stream().filter(k -> k == EventKind.STARTED).count();
    assertThat(crashesBefore).isEqualTo(RestartPolicy.DEFAULTS.maxRestarts() + 1);
    assertThat(startsBefore).isEqualTo(RestartPolicy.DEFAULTS.maxRestarts() + 1);
  }

  @Test
  void stoppingForOtherReasonsIsNotACrash() {
    ServiceController c = controller(RestartPolicy.DEFAULTS, 3);
    seconds(c, 2);
    c.shutdown();
    healthy.set(false);
    seconds(c, 10);
    assertThat(of(EventKind.UNHEALTHY)).isEmpty();
    assertThat(of(EventKind.CRASHED)).isEmpty();
    assertThat(c.isDone()).isTrue();
  }
}
