package io.sfc.runner.ssh;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.BudgetExhaustedException;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import io.sfc.core.port.TargetUnreachableException;
import io.sfc.runner.shell.ShellQuote;
import io.sfc.runner.shim.ShimFeed;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.sshd.client.channel.ChannelExec;

/**
 * Runs service instances on a node's host over SSH ({@code placement: remote}) under the same
 * watchdog shim as {@link io.sfc.runner.local.LocalRunner}: the shim runs on the remote host with
 * the exec channel as its stdin, stdout and stderr. Feeds go down the channel as lines of budget
 * milliseconds; when the channel closes (connection lost, sshd killed, this JVM gone) the shim sees
 * EOF, and when the feed stops (partition, paused JVM) its budget runs out: either way it kills the
 * service's process group on the remote host, without help from this JVM.
 *
 * <p>The service's exit is the channel's exit status. When the channel closes without one (the
 * connection was lost), the instance may still be running remotely until its watchdog stops it, so
 * the exit is reported only once the last budget given plus the stop timeout has passed.
 *
 * <p>The shim's stderr (and the service's output) is appended to {@code <logDir>/<service>.log} on
 * this machine. The budget the shim gets is measured after connecting (a fixed budget passed to
 * {@link #start(ServiceSpec, long, Duration, ExitListener)} less the time spent connecting); the
 * network's one-way delay on each feed is covered by {@code safety_margin}.
 */
public final class SshRunner implements NodeRunner {

  private final String cluster;
  private final SshConnections ssh;
  private final SshTarget target;
  private final Path logDir;
  private final Executor executor;
  private final MonotonicClock clock;
  private final RemoteShim shim = new RemoteShim();

  /**
   * @param executor runs exit listeners and the pid-line reader
   * @param clock measures the time spent connecting and the remote watchdog's deadline
   */
  public SshRunner(
      String cluster,
      SshConnections ssh,
      SshTarget target,
      Path logDir,
      Executor executor,
      MonotonicClock clock)
      throws IOException {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.ssh = Objects.requireNonNull(ssh, "ssh");
    this.target = Objects.requireNonNull(target, "target");
    this.logDir = Files.createDirectories(logDir);
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The local log file of the named service. */
  public Path logFile(String serviceName) {
    return logDir.resolve(serviceName.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
  }

  /** A fixed budget: a deadline {@code budget} from now, so connecting takes its time off it. */
  @Override
  public ServiceHandle start(ServiceSpec spec, long epoch, Duration budget, ExitListener onExit)
      throws IOException {
    return start(spec, epoch, NodeRunner.fromNow(budget, clock), onExit);
  }

  /**
   * Connects (and installs the shim) first, then asks {@code budget}: the controller renews while
   * this connects, so the shim gets the budget of the latest renewal, never a later deadline.
   */
  @Override
  public ServiceHandle start(
      ServiceSpec spec, long epoch, Supplier<Duration> budget, ExitListener onExit)
      throws IOException {
    Objects.requireNonNull(onExit, "onExit");
    reaching(() -> ssh.session(target)); // connected before the budget is measured
    String shimPath = reaching(() -> shim.path(ssh, target));
    Duration left = budget.get();
    if (left.isNegative() || left.isZero()) {
      throw new BudgetExhaustedException(
          "cannot start "
              + spec.name()
              + " on "
              + target.describe()
              + ": the watchdog budget ran out while connecting");
    }
    String command = command(spec, epoch, shimPath, left);
    ChannelExec ch = reaching(() -> ssh.channel(target, command));
    FileOutputStream log = new FileOutputStream(logFile(spec.name()).toFile(), true);
    ch.setErr(log);
    ch.addCloseFutureListener(f -> ShimFeed.closeQuietly(log));
    try {
      ch.open().verify(target.settings().connectTimeout());
    } catch (IOException | RuntimeException e) {
      throw startFailed(ch, spec, e);
    }
    long pid = readPid(ch, spec);
    SshServiceHandle h = new SshServiceHandle(ssh, target, ch, pid, spec, left, clock);
    h.onExit(onExit, executor);
    return h;
  }

  /** A step that connects to the target. */
  private interface Reaching<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code step}; a failure to connect, a refused host key or a refused login becomes a {@link
   * TargetUnreachableException}: nothing was started, and it is no crash of the service.
   */
  private static <T> T reaching(Reaching<T> step) throws IOException {
    try {
      return step.run();
    } catch (SshException e) {
      throw SshException.unreachable(e) ? new TargetUnreachableException(e.getMessage(), e) : e;
    }
  }

  /** The remote command line: working dir, environment, shim and service, every value quoted. */
  String command(ServiceSpec spec, long epoch, String shimPath, Duration budget) {
    if (spec.command().isEmpty()) {
      throw new IllegalArgumentException("service " + spec.name() + " has an empty command");
    }
    List<String> env = new ArrayList<>();
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      env.add(e.getKey() + "=" + e.getValue());
    }
    env.add("SFC_CLUSTER=" + cluster);
    env.add("SFC_NODE=" + target.node());
    env.add("SFC_SERVICE=" + spec.name());
    env.add("SFC_EPOCH=" + epoch);
    String cd =
        spec.workingDir() == null
            ? ""
            : "cd " + ShellQuote.quote(spec.workingDir().toString()) + " && ";
    return cd
        + "exec env "
        + ShellQuote.join(env)
        + " "
        + shimPath
        + " "
        + ShellQuote.join(ShimFeed.arguments(spec, budget))
        + " "
        + ShellQuote.join(spec.command());
  }

  private long readPid(ChannelExec ch, ServiceSpec spec) throws IOException {
    InputStream out = ch.getInvertedOut();
    CompletableFuture<Long> pid = CompletableFuture.supplyAsync(() -> readPid(out), executor);
    try {
      return pid.get(target.settings().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw startFailed(ch, spec, e);
    } catch (Exception e) {
      throw startFailed(ch, spec, e);
    }
  }

  private IOException startFailed(ChannelExec ch, ServiceSpec spec, Exception cause) {
    ch.close(true);
    shim.forget(target);
    return new IOException(
        "cannot start "
            + spec.name()
            + " on "
            + target.describe()
            + ": the remote shim did not start or gave no pid line; see "
            + logFile(spec.name()),
        cause);
  }

  private static long readPid(InputStream in) {
    try {
      return ShimFeed.readPid(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
