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
 * @param stopTimeout time between the stop signal and KILL
 * @param restart crash handling
 */
public record ServiceSpec(
    String name,
    List<String> command,
    Path workingDir,
    Map<String, String> env,
    String stopSignal,
    Duration stopTimeout,
    RestartPolicy restart) {

  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    command = List.copyOf(command);
    env = Map.copyOf(env);
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(restart, "restart");
  }
}
