package io.sfc.api;

import io.sfc.core.control.LoopObserver;
import io.sfc.core.model.ServiceState;
import io.sfc.core.port.MonotonicClock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * This controller's own view, copied from its loop after every round: what {@code /health}, {@code
 * /active} and the local part of {@code /api/status} answer from, without touching the loop's state
 * from HTTP threads.
 */
public final class LocalStatus implements LoopObserver {

  private record Round(long endedNanos, List<ServiceStatus> services) {}

  private final MonotonicClock clock;
  private volatile Round last;

  public LocalStatus(MonotonicClock clock) {
    this.clock = clock;
  }

  @Override
  public void roundCompleted(long startedNanos, long endedNanos, List<ServiceStatus> services) {
    last = new Round(endedNanos, services);
  }

  /** How long ago the loop last completed a round; empty before the first round. */
  public Optional<Duration> loopAge() {
    Round r = last;
    return r == null
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(clock.nanoTime() - r.endedNanos));
  }

  /** True when the loop completed a round within {@code bound}. */
  public boolean loopRanWithin(Duration bound) {
    return loopAge().map(a -> a.compareTo(bound) <= 0).orElse(false);
  }

  /** Every service as of the last round; empty before the first round. */
  public List<ServiceStatus> services() {
    Round r = last;
    return r == null ? List.of() : r.services;
  }

  /**
   * Why the metastore rejects this controller as of the last round (the cause and the fix, of the
   * first service it rejects); empty while it accepts it, merely does not answer, or before the
   * first round.
   */
  public Optional<String> rejection() {
    return services().stream().map(ServiceStatus::rejection).filter(Objects::nonNull).findFirst();
  }

  /** One service as of the last round. */
  public Optional<ServiceStatus> service(String name) {
    return services().stream().filter(s -> s.service().equals(name)).findFirst();
  }

  /** True when this node holds the lease of {@code service} and its instance is running. */
  public boolean active(String service) {
    return service(service)
        .map(s -> s.state().holding() && s.state().service() == ServiceState.RUNNING)
        .orElse(false);
  }
}
