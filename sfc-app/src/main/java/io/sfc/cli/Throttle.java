package io.sfc.cli;

import io.sfc.core.port.MonotonicClock;
import java.time.Duration;

/** Lets an action happen at most once per interval, on an injected clock. Not thread-safe. */
final class Throttle {
  private final MonotonicClock clock;
  private final long intervalNanos;
  private boolean fired;
  private long lastNanos;

  Throttle(MonotonicClock clock, Duration interval) {
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
  }

  /** True the first time and then whenever at least one interval has passed since the last true. */
  boolean ready() {
    long now = clock.nanoTime();
    if (fired && now - lastNanos < intervalNanos) {
      return false;
    }
    fired = true;
    lastNanos = now;
    return true;
  }
}
