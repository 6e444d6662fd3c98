package io.sfc.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how strictly one health check runs; what it checks is the {@link
 * io.sfc.core.port.HealthCheck} it comes with.
 *
 * @param name short name used in reasons and alerts, e.g. {@code http} or {@code scheduler-health}
 * @param interval time between the end of one check and the start of the next
 * @param timeout a check still running after this long counts as failed
 * @param failureThreshold consecutive failures that make the instance unhealthy (at least 1)
 * @param startGrace failures within this time after the instance started do not count
 */
public record HealthCheckSpec(
    String name, Duration interval, Duration timeout, int failureThreshold, Duration startGrace) {

  public HealthCheckSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(startGrace, "startGrace");
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be at least 1");
    }
  }
}
