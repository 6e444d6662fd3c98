package io.sfc.runner.detached;

import java.time.Duration;
import java.util.Objects;

/**
 * How a service runs in detached mode (legacy, no watchdog outside the JVM).
 *
 * @param startCommand shell command that starts the service in the background
 * @param stopCommand shell command that stops it, or null to signal the process
 * @param pidfile file holding the service's pid, or null
 * @param processPattern the exact command line of the service process, or null
 * @param pollInterval how often liveness is checked
 */
public record DetachedSettings(
    String startCommand,
    String stopCommand,
    String pidfile,
    String processPattern,
    Duration pollInterval) {

  /** How often liveness is checked unless {@code poll_interval} says otherwise. */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

  public DetachedSettings {
    Objects.requireNonNull(pollInterval, "pollInterval");
  }
}
