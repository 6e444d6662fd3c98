package io.sfc.check;

import io.sfc.config.RunnerSettings;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.ServiceSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a service's program ({@code command[0]}) is found on this node, as the shell that starts it
 * finds it: a name with a {@code /} is a path (relative to the working directory), any other name
 * is searched in {@code PATH}.
 */
public final class Programs {
  private Programs() {}

  /**
   * The executable file {@code program} resolves to, or empty when there is none.
   *
   * @param workingDir the service's working directory, or null for the controller's
   * @param path the {@code PATH} to search (colon-separated), or null for none
   */
  public static Optional<Path> resolve(String program, Path workingDir, String path) {
    if (program.contains("/")) {
      Path p = workingDir == null ? Path.of(program) : workingDir.resolve(program);
      return executable(p) ? Optional.of(p) : Optional.empty();
    }
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, program);
      if (executable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static boolean executable(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }

  /**
   * Why the program ({@code command[0]}) of {@code s} does not resolve on this machine, with the
   * fix, or null when it does. The {@code PATH} searched is the service's own {@code env: PATH},
   * else {@code controllerPath}.
   */
  public static String problem(ServiceSpec s, String controllerPath) {
    String program = s.command().get(0);
    String path = s.env().getOrDefault("PATH", controllerPath);
    if (resolve(program, s.workingDir(), path).isPresent()) {
      return null;
    }
    String where =
        program.contains("/")
            ? " is not an executable file"
                + (s.workingDir() == null
                    ? ""
                    : " (relative to working_dir " + s.workingDir() + ")")
            : " is not found in PATH (" + path + ")";
    return "program '"
        + program
        + "' of service "
        + s.name()
        + where
        + "; install it, or give its absolute path, e.g. command: [/usr/local/bin/"
        + Path.of(program).getFileName()
        + ", ...], or set working_dir: to the directory that holds it";
  }

  /**
   * The problems of every local, shim-mode service whose program this machine cannot run, each as
   * {@code file: services[i].command: ...}; a remote service runs on another host and a detached
   * one through its {@code start_command}, so neither is checked here.
   */
  public static List<String> localProblems(SfcConfig c, Path file, String controllerPath) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < c.services().size(); i++) {
      ServiceSpec s = c.services().get(i);
      RunnerSettings r = c.runnerOf(s.name());
      if (r.remote() || r.mode() == RunnerSettings.Mode.DETACHED) {
        continue;
      }
      String p = problem(s, controllerPath);
      if (p != null) {
        problems.add(file + ": services[" + i + "].command: " + p);
      }
    }
    return problems;
  }
}
