package io.sfc.runner.ssh;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * this machine. The budget the shim gets is the one passed to {@link #start} less the time spent
 * connecting; the network's one-way delay on each feed is covered by {@code safety_margin}.
 */
public final class SshRunner implements NodeRunner {

  private final String cluster;
  private final SshConnections ssh;
  private final SshTarget target;
  private final Path logDir;
  private final Executor executor;
  private final RemoteShim shim = new RemoteShim();

  public SshRunner(
      String cluster, SshConnections ssh, SshTarget target, Path logDir, Executor executor)
      throws IOException {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.ssh = Objects.requireNonNull(ssh, "ssh");
    this.target = Objects.requireNonNull(target, "target");
    this.logDir = Files.createDirectories(logDir);
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** The local log file of the named service. */
  public Path logFile(String serviceName) {
    return logDir.resolve(serviceName.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
  }

  @Override
  public ServiceHandle start(ServiceSpec spec, long epoch, Duration budget, ExitListener onExit)
      throws IOException {
    Objects.requireNonNull(onExit, "onExit");
    long t0 = System.nanoTime();
    String shimPath = shim.path(ssh, target);
    Duration left = budget.minusNanos(System.nanoTime() - t0);
    if (left.isNegative() || left.isZero()) {
      throw new IOException(
          "cannot start "
              + spec.name()
              + " on "
              + target.describe()
              + ": the watchdog budget ran out while connecting");
    }
    ChannelExec ch = ssh.channel(target, command(spec, epoch, shimPath, left));
    FileOutputStream log = new FileOutputStream(logFile(spec.name()).toFile(), true);
    ch.setErr(log);
    ch.addCloseFutureListener(f -> closeQuietly(log));
    try {
      ch.open().verify(target.settings().connectTimeout());
    } catch (IOException | RuntimeException e) {
      throw startFailed(ch, spec, e);
    }
    long pid = readPid(ch, spec);
    SshServiceHandle h = new SshServiceHandle(ssh, target, ch, pid, spec.stopTimeout(), left);
    h.onExit(onExit, executor);
    return h;
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
        + ShellQuote.join(
            List.of(
                spec.stopSignal(),
                Long.toString(millis(spec.stopTimeout())),
                Long.toString(millis(budget)),
                "--"))
        + " "
        + ShellQuote.join(spec.command());
  }

  private long readPid(ChannelExec ch, ServiceSpec spec) throws IOException {
    InputStream out = ch.getInvertedOut();
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> firstLine(out), executor);
    try {
      String l = line.get(target.settings().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (l == null || !l.matches("pid [0-9]+")) {
        throw new IOException("unexpected first line from the shim: " + l);
      }
      return Long.parseLong(l.substring(4));
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

  private static String firstLine(InputStream in) {
    try {
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the shim's stdout", e);
    }
  }

  static long millis(Duration d) {
    return Math.max(0, d.toMillis());
  }

  static void closeQuietly(OutputStream s) {
    try {
      s.close();
    } catch (IOException e) {
      // the channel is gone; its close listener reports the exit
    }
  }
}
