package io.sfc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sfc.core.control.LoopObserver;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.port.HealthCheck;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MonotonicClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Prometheus metrics of one controller, fed by its loop (as a {@link LoopObserver}), its event
 * stream (as a reporter listener), its lease store and health checks (as decorators), and its alert
 * queue (as a gauge). Every metric carries the {@code cluster} and {@code node} tags.
 */
public final class Metrics implements LoopObserver {
  /**
   * The buckets of every latency histogram: a few fixed bounds from 1 ms to 10 s, so that a
   * controller with many services exports a few lines per series instead of Micrometer's ~70.
   */
  static final Duration[] LATENCY_BUCKETS =
      Stream.of(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000)
          .map(Duration::ofMillis)
          .toArray(Duration[]::new);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MonotonicClock clock;
  private final Map<String, AtomicLong> held = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> epochs = new ConcurrentHashMap<>();
  private final Timer loop;

  public Metrics(String cluster, String node, List<String> services, MonotonicClock clock) {
    this.clock = clock;
    registry.config().commonTags("cluster", cluster, "node", node);
    for (String s : services) {
      held.put(s, gauge("sfc.lease.held", s, "1 while this node holds the service's lease"));
      epochs.put(s, gauge("sfc.lease.epoch", s, "Epoch of the lease this node holds, else 0"));
      counter(
          "sfc.failovers",
          s,
          "Unplanned failovers: leases this node took after another holder's lease expired");
      counter(
          "sfc.handovers",
          s,
          "Planned handovers: leases this node took after another holder released them");
      counter("sfc.restarts", s, "Crashes of the local instance (each leads to a restart)");
      counter("sfc.switchovers", s, "Planned switchovers that handed the service to this node");
      TimedLeaseStore.register(registry, s);
    }
    for (EventKind kind : EventKind.values()) {
      if (kind != EventKind.UNKNOWN) {
        events(kind);
      }
    }
    this.loop =
        Timer.builder("sfc.loop.duration")
            .description("Duration of one controller loop round")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
  }

  private Counter events(EventKind kind) {
    return Counter.builder("sfc.events")
        .description("Events this controller recorded, by kind")
        .tag("kind", kind.name())
        .register(registry);
  }

  private AtomicLong gauge(String name, String service, String description) {
    AtomicLong v = new AtomicLong();
    Gauge.builder(name, v, AtomicLong::get)
        .description(description)
        .tag("service", service)
        .register(registry);
    return v;
  }

  private Counter counter(String name, String service, String description) {
    return Counter.builder(name)
        .description(description)
        .tag("service", service)
        .register(registry);
  }

  @Override
  public void roundCompleted(long startedNanos, long endedNanos, List<ServiceStatus> services) {
    loop.record(endedNanos - startedNanos, TimeUnit.NANOSECONDS);
    for (ServiceStatus s : services) {
      AtomicLong h = held.get(s.service());
      if (h != null) {
        h.set(s.state().holding() ? 1 : 0);
        epochs.get(s.service()).set(s.state().epoch());
      }
    }
  }

  /**
   * Counts failovers (unplanned: the previous holder's lease expired), handovers (planned: it was
   * released, including switchovers), switchovers, restarts and every event by kind; a reporter
   * listener.
   */
  public void onEvent(Event e) {
    events(e.kind()).increment();
    if (e.kind() == EventKind.FAILOVER) {
      counter("sfc.failovers", e.service(), "").increment();
    } else if (e.kind() == EventKind.CRASHED) {
      counter("sfc.restarts", e.service(), "").increment();
    } else if (e.kind() == EventKind.TOOK_OVER) {
      counter("sfc.switchovers", e.service(), "").increment();
      counter("sfc.handovers", e.service(), "").increment();
    } else if (e.kind() == EventKind.HANDOVER) {
      counter("sfc.handovers", e.service(), "").increment();
    }
  }

  /**
   * The alert queue depth, read at every scrape. The supplier is held strongly: a weakly held one
   * (Micrometer's default) is collected at the first GC and the gauge then reads NaN.
   */
  public void alertQueue(Supplier<Number> depth) {
    Gauge.builder("sfc.alert.queue.depth", depth, d -> d.get().doubleValue())
        .description("Alerts waiting for delivery")
        .strongReference(true)
        .register(registry);
  }

  /** {@code store} with the latency of every acquisition and renewal timed, by outcome. */
  public LeaseStore timed(LeaseStore store) {
    return new TimedLeaseStore(store, registry, clock);
  }

  /** {@code check} with every result counted by outcome (healthy, unhealthy, error). */
  public HealthCheck counted(String service, String name, HealthCheck check) {
    for (String result : List.of("healthy", "unhealthy", "error")) {
      healthChecks(service, name, result);
    }
    return new HealthCheck() {
      @Override
      public HealthCheck.Result check() throws Exception {
        return check(-1);
      }

      @Override
      public HealthCheck.Result check(long pid) throws Exception {
        return countedCheck(service, name, check, pid);
      }
    };
  }

  private HealthCheck.Result countedCheck(String service, String name, HealthCheck check, long pid)
      throws Exception {
    String result = "error";
    try {
      HealthCheck.Result r = check.check(pid);
      result = r.healthy() ? "healthy" : "unhealthy";
      return r;
    } finally {
      healthChecks(service, name, result).increment();
    }
  }

  private Counter healthChecks(String service, String name, String result) {
    return Counter.builder("sfc.health.checks")
        .description("Health check results of the local instance")
        .tags("service", service, "check", name, "result", result)
        .register(registry);
  }

  /** The metrics in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }
}
