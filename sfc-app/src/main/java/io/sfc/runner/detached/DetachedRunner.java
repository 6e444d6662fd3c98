package io.sfc.runner.detached;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import io.sfc.runner.shell.Procs;
import io.sfc.runner.shell.ShellQuote;
import io.sfc.runner.shell.ShellResult;
import io.sfc.time.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The legacy detached mode ({@code mode: detached}), locally or over SSH depending on the {@link
 * Procs}' shell: {@code start_command} starts the service in the background, liveness is polled
 * every {@code poll_interval} through the pidfile or the exact command line, and {@code
 * stop_command} (or the stop signal to the pid, then KILL after the stop timeout) stops it.
 *
 * <p><b>There is no watchdog outside the JVM in this mode.</b> If this controller's JVM dies,
 * freezes or loses the metastore, nothing stops the service until another controller fences it. The
 * only deadline is inside the JVM: a handle not fed within its last budget stops the service from
 * the poll task. Use the shim mode wherever the service's launch can be changed.
 */
public final class DetachedRunner implements NodeRunner {

  private final String cluster;
  private final String node;
  private final DetachedSettings settings;
  private final Procs procs;
  private final String logFile;
  private final Duration startWait;
  private final ScheduledExecutorService timer;
  private final Executor executor;
  private final MonotonicClock clock;
  private final Sleeper sleeper;

  /**
   * @param logFile where the start command's output goes on the machine it runs on, as a shell word
   *     (quoted by the caller when it is a literal path)
   * @param startWait how long to wait for the started service to show up alive
   * @param timer schedules the liveness polls; the polls themselves run on {@code executor}
   * @param clock measures the budget and the waits
   * @param sleeper waits between liveness checks while starting and stopping
   */
  public DetachedRunner(
      String cluster,
      String node,
      DetachedSettings settings,
      Procs procs,
      String logFile,
      Duration startWait,
      ScheduledExecutorService timer,
      Executor executor,
      MonotonicClock clock,
      Sleeper sleeper) {
    this.cluster = Objects.requireNonNull(cluster);
    this.node = Objects.requireNonNull(node);
    this.settings = Objects.requireNonNull(settings);
    this.procs = Objects.requireNonNull(procs);
    this.logFile = Objects.requireNonNull(logFile);
    this.startWait = startWait;
    this.timer = timer;
    this.executor = executor;
    this.clock = Objects.requireNonNull(clock);
    this.sleeper = Objects.requireNonNull(sleeper);
  }

  @Override
  public ServiceHandle start(ServiceSpec spec, long epoch, Duration budget, ExitListener onExit)
      throws IOException {
    long deadline = clock.nanoTime() + budget.toNanos();
    Liveness live = new Liveness(procs, settings);
    if (live.check() != null) {
      throw new IOException(
          "cannot start "
              + spec.name()
              + " on "
              + procs.shell().describe()
              + ": it already runs there ("
              + live.describe()
              + "); stop it first");
    }
    ShellResult r = procs.shell().run(startCommand(spec, epoch), null);
    if (!r.ok()) {
      throw new IOException(
          "start_command of "
              + spec.name()
              + " on "
              + procs.shell().describe()
              + " failed with status "
              + r.status()
              + ": "
              + r.lastLine());
    }
    long pid = awaitAlive(live, spec);
    DetachedHandle h =
        new DetachedHandle(spec, settings, procs, live, pid, deadline, onExit, clock, sleeper);
    h.schedule(timer, executor);
    return h;
  }

  /** The start command with the SFC_* environment exported and its output sent to the log. */
  String startCommand(ServiceSpec spec, long epoch) {
    List<String> env = new ArrayList<>();
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      env.add(e.getKey() + "=" + e.getValue());
    }
    env.add("SFC_CLUSTER=" + cluster);
    env.add("SFC_NODE=" + node);
    env.add("SFC_SERVICE=" + spec.name());
    env.add("SFC_EPOCH=" + epoch);
    String cd =
        spec.workingDir() == null
            ? ""
            : "cd " + ShellQuote.quote(spec.workingDir().toString()) + " && ";
    return "export "
        + ShellQuote.join(env)
        + " && "
        + cd
        + "{ "
        + settings.startCommand()
        + "\n} </dev/null >>"
        + logFile
        + " 2>&1";
  }

  private long awaitAlive(Liveness live, ServiceSpec spec) throws IOException {
    long end = clock.nanoTime() + startWait.toNanos();
    while (true) {
      Long pid = live.check();
      if (pid != null) {
        return pid;
      }
      if (clock.nanoTime() > end) {
        throw new IOException(
            "start_command of "
                + spec.name()
                + " on "
                + procs.shell().describe()
                + " returned, but no live process was found within "
                + startWait
                + " ("
                + live.describe()
                + ")");
      }
      pause(sleeper, Duration.ofMillis(100));
    }
  }

  static void pause(Sleeper sleeper, Duration d) throws IOException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
