package io.sfc.time;

import java.time.Duration;

/** Waits; injected next to a {@link io.sfc.core.port.MonotonicClock} where code polls. */
@FunctionalInterface
public interface Sleeper {
  /** Waits about {@code d} (at least a millisecond). */
  void sleep(Duration d) throws InterruptedException;

  /** The real wait, {@link Thread#sleep}. */
  static Sleeper system() {
    return d -> Thread.sleep(Math.max(1, d.toMillis()));
  }
}
