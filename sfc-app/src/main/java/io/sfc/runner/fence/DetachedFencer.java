package io.sfc.runner.fence;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.port.MonotonicClock;
import io.sfc.runner.detached.DetachedSettings;
import io.sfc.runner.shell.Procs;
import io.sfc.runner.shell.ShellResult;
import io.sfc.time.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Fences a node over SSH for a detached service: finds it by pidfile or command line; if it runs,
 * runs {@code stop_command} (or sends the stop signal), waits up to the deadline stop timeout, then
 * KILLs it; succeeds only when it was found gone.
 */
public final class DetachedFencer implements Fencer {

  private final String node;
  private final DetachedSettings settings;
  private final Procs procs;
  private final MonotonicClock clock;
  private final Sleeper sleeper;

  /**
   * @param clock bounds the wait for the stopped service
   * @param sleeper waits between look-ups
   */
  public DetachedFencer(
      String node, DetachedSettings settings, Procs procs, MonotonicClock clock, Sleeper sleeper) {
    this.node = node;
    this.settings = settings;
    this.procs = procs;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public String fence(ServiceSpec spec, long epoch) throws IOException {
    Long pid = find();
    if (pid == null) {
      return "not running on " + procs.shell().describe();
    }
    String stop =
        settings.stopCommand() != null
            ? settings.stopCommand()
            : "kill -" + spec.stopSignal() + " " + pid;
    ShellResult r = procs.shell().run(stop, null);
    long end = clock.nanoTime() + spec.stopTimeout(StopPath.DEADLINE).toNanos();
    while (find() != null && clock.nanoTime() < end) {
      pause();
    }
    if (find() != null) {
      procs.shell().run("kill -KILL " + pid, null);
      pause();
      if (find() != null) {
        throw new IOException("pid " + pid + " still runs after the stop command and KILL");
      }
      return "killed pid " + pid + " on " + procs.shell().describe() + " after the stop timeout";
    }
    return "stopped pid "
        + pid
        + " on "
        + procs.shell().describe()
        + (r.ok() ? "" : " (stop command exited with " + r.status() + ")");
  }

  private Long find() throws IOException {
    if (settings.pidfile() != null) {
      return procs.byPidfile(settings.pidfile(), settings.processPattern());
    }
    List<Long> pids = procs.byCommandLine(settings.processPattern());
    return pids.isEmpty() ? null : pids.get(0);
  }

  private void pause() throws IOException {
    try {
      sleeper.sleep(Duration.ofMillis(100));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
