package io.sfc.core.port;

import java.time.Duration;

/** A running service instance under its watchdog. */
public interface ServiceHandle {

  /** Process id of the service (also its process group id). */
  long pid();

  /**
   * Tells the watchdog that the lease was renewed and the instance may run for {@code budget} more.
   * Never blocks for long; a dead watchdog is ignored (the exit listener reports it).
   */
  void feed(Duration budget);

  /**
   * Stops the instance: stop signal to its process group, KILL after the stop timeout. Blocks until
   * the instance has ended or a bounded time has passed.
   */
  void stop();
}
