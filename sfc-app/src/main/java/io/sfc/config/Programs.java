package io.sfc.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** Why {@code program} of {@code service} is not found, and the fix. */
  public static String notFound(String service, String program) {
    return "program '"
        + program
        + "' of service "
        + service
        + (program.contains("/")
            ? " is not an executable file"
            : " is not found in PATH (" + System.getenv("PATH") + ")")
        + "; install it, or give its absolute path, e.g. command: [/usr/local/bin/"
        + Path.of(program).getFileName()
        + ", ...]";
  }
}
