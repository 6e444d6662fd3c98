package io.sfc.core.sim;

import io.sfc.core.port.MonotonicClock;

/**
 * A monotonic clock that runs at {@code 1 + rate} times global time, from an arbitrary offset. The
 * rate may change during a run (clock drift fault); the clock stays continuous.
 */
final class DriftClock implements MonotonicClock {
  private final Scheduler scheduler;
  private long globalBase;
  private long localBase;
  private double rate;

  DriftClock(Scheduler scheduler, long offset, double rate) {
    this.scheduler = scheduler;
    this.globalBase = scheduler.now();
    this.localBase = offset;
    this.rate = rate;
  }

  @Override
  public long nanoTime() {
    return at(scheduler.now());
  }

  /** The reading of this clock at global time {@code global} (not before the last rate change). */
  long at(long global) {
    return localBase + (long) Math.floor((global - globalBase) * (1.0 + rate));
  }

  /** The global time at which this clock reads {@code local} (may be a nanosecond early). */
  long globalAt(long local) {
    return globalBase + (long) Math.ceil((local - localBase) / (1.0 + rate));
  }

  /** The global duration of {@code localNanos} of this clock. */
  long globalDuration(long localNanos) {
    return (long) Math.ceil(localNanos / (1.0 + rate));
  }

  double rate() {
    return rate;
  }

  void setRate(double newRate) {
    localBase = nanoTime();
    globalBase = scheduler.now();
    rate = newRate;
  }
}
