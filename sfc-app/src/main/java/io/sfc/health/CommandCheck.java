package io.sfc.health;

import io.sfc.core.port.HealthCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command (without a shell); exit 0 is healthy. A command still running after the timeout is
 * killed with its descendants and counts as failed. The detail is the exit status and the last line
 * of its output (at most 200 characters).
 */
public final class CommandCheck implements HealthCheck {

  /**
   * @param command the program and its arguments
   * @param timeout how long it may run
   */
  public record Settings(List<String> command, Duration timeout) implements CheckSettings {
    public Settings {
      command = List.copyOf(command);
    }
  }

  private static final int MAX_OUTPUT = 8192;

  private final List<String> command;
  private final Duration timeout;

  public CommandCheck(List<String> command, Duration timeout) {
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  @Override
  public Result check() throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    io.sfc.secret.ChildEnv.current().scrub(null, pb.environment());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return Result.unhealthy("command did not finish within " + timeout.toMillis() + " ms");
    }
    String out = lastLine(p.getInputStream());
    String detail = "exit status " + p.exitValue() + (out.isEmpty() ? "" : ": " + out);
    return p.exitValue() == 0 ? Result.healthy(detail) : Result.unhealthy(detail);
  }

  private static String lastLine(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_OUTPUT);
    String[] lines = new String(b, StandardCharsets.UTF_8).strip().split("\n");
    String last = lines[lines.length - 1].strip();
    return last.length() > 200 ? last.substring(0, 200) + "..." : last;
  }
}
