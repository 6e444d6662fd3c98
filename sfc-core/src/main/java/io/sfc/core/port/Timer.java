package io.sfc.core.port;

import java.time.Duration;

/**
 * Runs a task once after a delay, off the calling thread. Production wraps a named scheduled
 * executor; tests and the simulation drive it with a manual clock.
 */
@FunctionalInterface
public interface Timer {

  /**
   * Schedules {@code task} to run once after {@code delay}.
   *
   * @return an action that cancels the task if it has not started
   */
  Runnable schedule(Runnable task, Duration delay);
}
