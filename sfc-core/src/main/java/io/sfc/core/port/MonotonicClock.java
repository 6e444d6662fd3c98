package io.sfc.core.port;

/** A monotonic clock in nanoseconds; only differences between readings mean anything. */
@FunctionalInterface
public interface MonotonicClock {
  long nanoTime();
}
