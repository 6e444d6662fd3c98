package io.sfc.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.HealthCheckSpec;
import io.sfc.core.port.HealthCheck;
import io.sfc.core.port.HealthCheck.Result;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The monitor's counting, grace period and timeouts on a manual clock. */
class HealthMonitorTest {
  static final Duration S = Duration.ofSeconds(1);
  final ManualTimer timer = new ManualTimer(1_000_000_000_000L);
  final List<String> reasons = new ArrayList<>();
  final Deque<Result> script = new ArrayDeque<>();
  final HealthCheck scripted = () -> script.isEmpty() ? Result.healthy("ok") : script.poll();

  HealthMonitor monitor(HealthCheck check, Duration grace, Executor exec) {
    var spec = new HealthCheckSpec("http", S.multipliedBy(5), S.multipliedBy(2), 3, grace);
    return new HealthMonitor(
        "sched", List.of(new HealthMonitor.Probe(spec, check)), timer, exec, timer::now);
  }

  @Test
  void reportsOnceAfterThresholdConsecutiveFailures() {
    HealthMonitor m = monitor(scripted, Duration.ZERO, Runnable::run);
    for (int i = 0; i < 5; i++) {
      script.add(Result.unhealthy("HTTP 503"));
    }
    m.watch(reasons::add);
    timer.advance(S.multipliedBy(14));
    assertThat(reasons).isEmpty();
    timer.advance(S);
    assertThat(reasons).containsExactly("health check http failed 3 times: HTTP 503");
    timer.advance(S.multipliedBy(60));
    assertThat(reasons).hasSize(1);
    assertThat(timer.pending()).isZero();
  }

  @Test
  void eachCheckIsGivenThePidOfTheWatchedInstance() {
    List<Long> seen = new ArrayList<>();
    HealthCheck pidCheck =
        new HealthCheck() {
          @Override
          public Result check() {
            return Result.healthy("no pid");
          }

          @Override
          public Result check(long pid) {
            seen.add(pid);
            return pid == 4242 ? Result.unhealthy("process 4242 is stopped") : check();
          }
        };
    HealthMonitor m = monitor(pidCheck, Duration.ZERO, Runnable::run);
    m.watch(reasons::add);
    timer.advance(S.multipliedBy(5));
    m.watch(4242, reasons::add);
    timer.advance(S.multipliedBy(15));
    assertThat(seen).containsExactly(-1L, 4242L, 4242L, 4242L);
    assertThat(reasons)
        .containsExactly("health check http failed 3 times: process 4242 is stopped");
  }

  @Test
  void aSuccessResetsTheCount() {
    HealthMonitor m = monitor(scripted, Duration.ZERO, Runnable::run);
    script.addAll(
        List.of(
            Result.unhealthy("a"),
            Result.unhealthy("b"),
            Result.healthy("ok"),
            Result.unhealthy("c"),
            Result.unhealthy("d")));
    m.watch(reasons::add);
    timer.advance(S.multipliedBy(100));
    assertThat(reasons).isEmpty();
  }

  @Test
  void failuresDuringTheGracePeriodDoNotCount() {
    HealthMonitor m = monitor(() -> Result.unhealthy("refused"), S.multipliedBy(30), Runnable::run);
    m.watch(reasons::add);
    timer.advance(S.multipliedBy(39));
    assertThat(reasons).isEmpty();
    timer.advance(S);
    assertThat(reasons).containsExactly("health check http failed 3 times: refused");
  }

  @Test
  void exceptionsCountAsFailuresWithTheirMessage() {
    HealthMonitor m =
        monitor(
            () -> {
              throw new java.io.IOException("Connection refused");
            },
            Duration.ZERO,
            Runnable::run);
    m.watch(reasons::add);
    timer.advance(S.multipliedBy(15));
    assertThat(reasons).containsExactly("health check http failed 3 times: Connection refused");
  }

  @Test
  void aHungCheckTimesOutAndIsNotStartedTwice() {
    List<Runnable> hung = new ArrayList<>();
    HealthMonitor m = monitor(scripted, Duration.ZERO, hung::add);
    m.watch(reasons::add);
    // turn at 5s times out at 7s; turns at 10s and 15s find it still running.
    timer.advance(S.multipliedBy(14));
    assertThat(reasons).isEmpty();
    timer.advance(S);
    assertThat(reasons)
        .containsExactly("health check http failed 3 times: previous check still running after 2s");
    assertThat(hung).hasSize(1);
  }

  @Test
  void unwatchCancelsEverything() {
    HealthMonitor m = monitor(() -> Result.unhealthy("x"), Duration.ZERO, Runnable::run);
    m.watch(reasons::add);
    timer.advance(S.multipliedBy(11));
    m.unwatch();
    timer.advance(S.multipliedBy(60));
    assertThat(reasons).isEmpty();
    assertThat(timer.pending()).isZero();
  }

  @Test
  void aNewWatchStartsFromZero() {
    HealthMonitor m = monitor(() -> Result.unhealthy("x"), Duration.ZERO, Runnable::run);
    m.watch(r -> reasons.add("first " + r));
    timer.advance(S.multipliedBy(11));
    m.watch(r -> reasons.add("second " + r));
    timer.advance(S.multipliedBy(14));
    assertThat(reasons).isEmpty();
    timer.advance(S);
    assertThat(reasons).containsExactly("second health check http failed 3 times: x");
  }
}
