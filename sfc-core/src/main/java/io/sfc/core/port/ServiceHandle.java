package io.sfc.core.port;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
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
   * Stops the instance: stop signal to its process group, KILL after the stop timeout of {@code
   * path} ({@link ServiceSpec#stopTimeout(StopPath)}). In a {@link StopPath#PLANNED planned} stop
   * the watchdog still holds the instance to {@code budget} and to the feeds that follow, as before
   * the stop; when they lapse, it ends the stop as a {@link StopPath#DEADLINE deadline} stop. A
   * deadline stop may also follow a planned one under way, and cuts it short. Blocks until the
   * instance has ended or a bounded time has passed.
   *
   * @param budget time left until the controller's local deadline, as for {@link #feed} (ignored by
   *     a deadline stop)
   */
  void stop(StopPath path, Duration budget);
}
