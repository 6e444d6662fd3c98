package io.sfc.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how one service runs, and how other nodes are fenced before it starts.
 *
 * @param placement on this controller's machine, or on the node's host over SSH
 * @param mode under the watchdog shim, or detached (legacy, no watchdog outside the JVM)
 * @param startCommand detached mode: shell command that starts the service in the background
 * @param stopCommand detached mode: shell command that stops it, or null to signal the process
 * @param pidfile detached mode: file holding the service's pid, or null
 * @param processPattern detached mode: the exact command line of the service process, or null
 * @param pollInterval detached mode: how often liveness is checked
 * @param fencing what to do before a start under a new epoch
 * @param fenceCommand shell command run locally to fence one other node, or null to stop the
 *     service there over SSH; {@code ${node}}, {@code ${host}}, {@code ${service}} and {@code
 *     ${epoch}} are replaced by shell-quoted values
 */
public record RunnerSettings(
    Placement placement,
    Mode mode,
    String startCommand,
    String stopCommand,
    String pidfile,
    String processPattern,
    Duration pollInterval,
    Fencing fencing,
    String fenceCommand) {

  /** Where the service runs. */
  public enum Placement {
    LOCAL,
    REMOTE
  }

  /** How the service runs. */
  public enum Mode {
    SHIM,
    DETACHED
  }

  /** Fencing before start. */
  public enum Fencing {
    OFF,
    BEST_EFFORT,
    REQUIRED
  }

  /** Local placement, shim mode, best-effort fencing. */
  public static final RunnerSettings DEFAULTS =
      new RunnerSettings(
          Placement.LOCAL,
          Mode.SHIM,
          null,
          null,
          null,
          null,
          Duration.ofSeconds(2),
          Fencing.BEST_EFFORT,
          null);

  public RunnerSettings {
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(fencing, "fencing");
  }

  /** Whether the service runs over SSH. */
  public boolean remote() {
    return placement == Placement.REMOTE;
  }

  /** Whether the service runs detached, without the shim. */
  public boolean detached() {
    return mode == Mode.DETACHED;
  }
}
