package io.sfc.time;

import io.sfc.core.port.MonotonicClock;

/** The adapters of this JVM's clocks: the only place that reads them directly. */
public final class SystemTime {
  private SystemTime() {}

  /** {@link System#nanoTime()}. */
  public static final MonotonicClock MONOTONIC = System::nanoTime;

  /** {@link System#currentTimeMillis()}, as a {@link WallClock}. */
  public static final WallClock WALL = System::currentTimeMillis;

  /** {@link System#currentTimeMillis()}, the wall clock in epoch milliseconds. */
  public static long wallMillis() {
    return System.currentTimeMillis();
  }
}
