package io.sfc.health;

import io.sfc.core.port.HealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code process} check: the instance runs under the watchdog shim, whose exit the controller
 * sees at once, so an exit needs no polling. What the shim cannot see is a service that is still
 * there but can no longer run: its main process (the leader of its process group) stopped by a
 * signal ({@code T}, e.g. {@code kill -STOP}), stopped under a tracer ({@code t}) or a zombie
 * ({@code Z}). This check reads that state from {@code /proc/<pid>/stat} and reports it as
 * unhealthy, so that {@code failure_threshold} turns in a row (a process stopped for at least
 * {@code interval x (failure_threshold - 1)}) make the instance unhealthy like any other check.
 *
 * <p>It reads the local {@code /proc}: the controller polls it only for services that run on this
 * machine. Without a pid (unknown) or once the process has ended, it is healthy: the exit is the
 * shim's to report.
 */
public final class ProcessCheck implements HealthCheck {

  /** A process check has no settings of its own. */
  public record Settings() implements CheckSettings {}

  private final Path proc;

  /** A check on this machine's {@code /proc}. */
  public ProcessCheck() {
    this(Path.of("/proc"));
  }

  /** A check on the given proc file system root. */
  ProcessCheck(Path proc) {
    this.proc = proc;
  }

  @Override
  public Result check() {
    return Result.healthy("process supervised by the shim");
  }

  @Override
  public Result check(long pid) throws IOException {
    if (pid <= 0) {
      return check();
    }
    String stat;
    try {
      stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
    } catch (NoSuchFileException e) {
      return Result.healthy("process " + pid + " has ended; the shim reports its exit");
    }
    return judge(pid, state(stat));
  }

  /** The state letter of a {@code /proc/<pid>/stat} line: the first field after the name. */
  static char state(String stat) {
    int close = stat.lastIndexOf(')');
    String rest = close < 0 ? "" : stat.substring(close + 1).trim();
    return rest.isEmpty() ? '?' : rest.charAt(0);
  }

  private static Result judge(long pid, char state) {
    return switch (state) {
      case 'T' -> Result.unhealthy("process " + pid + " is stopped (state T, e.g. SIGSTOP)");
      case 't' -> Result.unhealthy("process " + pid + " is stopped by a tracer (state t)");
      case 'Z' -> Result.unhealthy("process " + pid + " is a zombie (state Z)");
      default -> Result.healthy("process " + pid + " is running (state " + state + ")");
    };
  }
}
