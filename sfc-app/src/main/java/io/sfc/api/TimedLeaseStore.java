package io.sfc.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.MonotonicClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A {@link LeaseStore} that times acquisitions and renewals ({@code sfc_lease_*_seconds}). */
final class TimedLeaseStore implements LeaseStore {
  private static final String ACQUIRE = "sfc.lease.acquire";
  private static final String RENEW = "sfc.lease.renew";
  private final LeaseStore delegate;
  private final MeterRegistry registry;
  private final MonotonicClock clock;

  TimedLeaseStore(LeaseStore delegate, MeterRegistry registry, MonotonicClock clock) {
    this.delegate = delegate;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public Optional<Lease> tryAcquire(String service, String node, Duration ttl)
      throws MetastoreException {
    long start = clock.nanoTime();
    String outcome = "error";
    try {
      Optional<Lease> l = delegate.tryAcquire(service, node, ttl);
      outcome = l.isPresent() ? "acquired" : "held_elsewhere";
      return l;
    } finally {
      record(ACQUIRE, service, outcome, start);
    }
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) throws MetastoreException {
    long start = clock.nanoTime();
    String outcome = "error";
    try {
      boolean ok = delegate.renew(lease, ttl);
      outcome = ok ? "renewed" : "lost";
      return ok;
    } finally {
      record(RENEW, lease.service(), outcome, start);
    }
  }

  @Override
  public boolean release(Lease lease) throws MetastoreException {
    return delegate.release(lease);
  }

  @Override
  public LeaseRecord read(String service) throws MetastoreException {
    return delegate.read(service);
  }

  private void record(String name, String service, String outcome, long start) {
    timer(registry, name, service, outcome).record(clock.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  /**
   * Registers every outcome's timer of {@code service} at zero, so that each series exists from the
   * first scrape (an alert on {@code increase(...)} then sees the first error too).
   */
  static void register(MeterRegistry registry, String service) {
    for (String outcome : List.of("acquired", "held_elsewhere", "error")) {
      timer(registry, ACQUIRE, service, outcome);
    }
    for (String outcome : List.of("renewed", "lost", "error")) {
      timer(registry, RENEW, service, outcome);
    }
  }

  private static Timer timer(MeterRegistry registry, String name, String service, String outcome) {
    return Timer.builder(name)
        .description("Latency of lease " + name.substring(name.lastIndexOf('.') + 1) + " calls")
        .tags("service", service, "outcome", outcome)
        .serviceLevelObjectives(Metrics.LATENCY_BUCKETS)
        .register(registry);
  }
}
