package io.sfc.core.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One managed singleton service (e.g. the Airflow scheduler).
 *
 * @param name unique name in the cluster; also the lease key
 * @param command program and arguments, run without a shell
 * @param workingDir working directory, or null for the controller's
 * @param env extra environment variables
 * @param stopSignal signal name sent first when stopping (e.g. {@code TERM})
 * @param stopTimeout time between the stop signal and KILL in a {@link StopPath#PLANNED planned}
 *     stop
 * @param deadlineStopTimeout time between the stop signal and KILL in a {@link StopPath#DEADLINE
 *     deadline} stop; bound by the safety rule of {@link Timings}
 * @param restart crash handling
 * @param state the state files that move with the lease ({@link StateFiles#NONE} for none)
 * @param nodes the ids of the only nodes that may ever acquire this service ({@code nodes:}), in
 *     the order written; empty for every node
 */
public record ServiceSpec(
    String name,
    List<String> command,
    Path workingDir,
    Map<String, String> env,
    String stopSignal,
    Duration stopTimeout,
    Duration deadlineStopTimeout,
    RestartPolicy restart,
    StateFiles state,
    List<String> nodes) {

  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    command = List.copyOf(command);
    env = Map.copyOf(env);
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(deadlineStopTimeout, "deadlineStopTimeout");
    Objects.requireNonNull(restart, "restart");
    Objects.requireNonNull(state, "state");
    nodes = List.copyOf(nodes);
  }

  /** A service without state files. */
  public ServiceSpec(
      String name,
      List<String> command,
      Path workingDir,
      Map<String, String> env,
      String stopSignal,
      Duration stopTimeout,
      Duration deadlineStopTimeout,
      RestartPolicy restart) {
    this(
        name,
        command,
        workingDir,
        env,
        stopSignal,
        stopTimeout,
        deadlineStopTimeout,
        restart,
        StateFiles.NONE,
        List.of());
  }

  /** This service with {@code files} as its state files. */
  public ServiceSpec withState(StateFiles files) {
    return with(files, nodes);
  }

  /** This service, restricted to the nodes {@code ids} (empty: every node). */
  public ServiceSpec withNodes(List<String> ids) {
    return with(state, ids);
  }

  private ServiceSpec with(StateFiles files, List<String> ids) {
    return new ServiceSpec(
        name,
        command,
        workingDir,
        env,
        stopSignal,
        stopTimeout,
        deadlineStopTimeout,
        restart,
        files,
        ids);
  }

  /** True when node {@code id} may acquire this service by its {@code nodes:} list. */
  public boolean allows(String id) {
    return nodes.isEmpty() || nodes.contains(id);
  }

  /** A service with one stop timeout for both stop paths. */
  public ServiceSpec(
      String name,
      List<String> command,
      Path workingDir,
      Map<String, String> env,
      String stopSignal,
      Duration stopTimeout,
      RestartPolicy restart) {
    this(name, command, workingDir, env, stopSignal, stopTimeout, stopTimeout, restart);
  }

  /** The time between the stop signal and KILL in a stop of {@code path}. */
  public Duration stopTimeout(StopPath path) {
    return path == StopPath.PLANNED ? stopTimeout : deadlineStopTimeout;
  }
}
