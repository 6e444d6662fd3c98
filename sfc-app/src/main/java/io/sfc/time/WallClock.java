package io.sfc.time;

/**
 * A wall clock in epoch milliseconds, injected where a time is shown to people or stored for an
 * older reader; {@link SystemTime#WALL} is this JVM's. Never used to decide.
 */
@FunctionalInterface
public interface WallClock {
  long millis();
}
