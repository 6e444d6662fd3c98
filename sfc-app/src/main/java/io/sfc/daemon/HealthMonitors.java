package io.sfc.daemon;

import io.sfc.config.HealthConfig;
import io.sfc.config.SfcConfig;
import io.sfc.core.health.HealthMonitor;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.Timer;
import io.sfc.health.HealthChecks;
import io.sfc.metrics.Metrics;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Builds the health monitor of each service: its configured checks, counted by the metrics. */
final class HealthMonitors {
  private final SfcConfig config;
  private final Metrics metrics;
  private final Timer timer;
  private final ExecutorService checks;
  private final MonotonicClock clock;

  /**
   * @param timer schedules the checks
   * @param checks runs them
   */
  HealthMonitors(
      SfcConfig config,
      Metrics metrics,
      ScheduledExecutorService timer,
      ExecutorService checks,
      MonotonicClock clock) {
    this.config = config;
    this.metrics = metrics;
    this.timer =
        (task, delay) -> {
          ScheduledFuture<?> f = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
          return () -> f.cancel(false);
        };
    this.checks = checks;
    this.clock = clock;
  }

  /** The monitor of {@code spec}, or {@link HealthMonitor#none()} when it has no checks. */
  HealthMonitor of(ServiceSpec spec) {
    // A process check polls the local /proc for a stopped or zombie process; a remote service's
    // process is not visible here, and its exit is reported by the shim at once.
    boolean remote = config.runnerOf(spec.name()).remote();
    List<HealthConfig> configured =
        config.healthOf(spec.name()).stream().filter(c -> !(remote && c.type().polls())).toList();
    if (configured.isEmpty()) {
      return HealthMonitor.none();
    }
    List<HealthMonitor.Probe> probes =
        configured.stream()
            .map(
                c ->
                    new HealthMonitor.Probe(
                        c.spec(),
                        metrics.counted(
                            spec.name(), c.spec().name(), HealthChecks.of(c.settings()))))
            .toList();
    return new HealthMonitor(spec.name(), probes, timer, checks, clock);
  }
}
