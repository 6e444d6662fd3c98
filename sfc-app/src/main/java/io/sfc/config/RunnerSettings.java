package io.sfc.config;

import io.sfc.runner.detached.DetachedSettings;
import io.sfc.runner.fence.Fencing;
import java.util.Objects;

/**
 * Where and how one service runs, and how other nodes are fenced before it starts.
 *
 * @param placement on this controller's machine, or on the node's host over SSH
 * @param mode under the watchdog shim, or detached (legacy, no watchdog outside the JVM)
 * @param detachedSettings start and stop commands and liveness in detached mode, else null
 * @param fencing what to do before a start under a new epoch
 * @param fenceCommand shell command run locally to fence one other node, or null to stop the
 *     service there over SSH; {@code ${node}}, {@code ${host}}, {@code ${service}} and {@code
 *     ${epoch}} are replaced by shell-quoted values
 */
public record RunnerSettings(
    Placement placement,
    Mode mode,
    DetachedSettings detachedSettings,
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

  /** Local placement, shim mode, best-effort fencing. */
  public static final RunnerSettings DEFAULTS =
      new RunnerSettings(Placement.LOCAL, Mode.SHIM, null, Fencing.BEST_EFFORT, null);

  public RunnerSettings {
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(mode, "mode");
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
