package io.sfc.runner.local;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import io.sfc.runner.shim.ShimFeed;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs service instances on this machine under the watchdog shim {@value Scripts#SHIM} (DESIGN.md
 * §2.4).
 *
 * <p>Each instance is started as {@code sfc-shim <stop_signal> <stop_timeout_ms>
 * <deadline_stop_timeout_ms> <budget_ms> -- command...}. The shim puts the command in its own
 * process group and kills that group when the feed on its stdin stops for longer than the last
 * budget, when stdin closes (this JVM died) or on request. The shim's stdout carries only its
 * {@code pid <PID>} line; its stderr, which also receives the service's stdout and stderr, is
 * appended to {@code <logDir>/<service>.log}.
 *
 * <p>The service sees {@code SFC_CLUSTER}, {@code SFC_NODE}, {@code SFC_SERVICE} and {@code
 * SFC_EPOCH} in addition to the spec's environment. Exit listeners run on the injected executor,
 * which also reads the pid line at start; this class starts no threads of its own.
 */
public final class LocalRunner implements NodeRunner {

  /** How long start() waits for the shim's pid line. */
  static final Duration PID_LINE_TIMEOUT = Duration.ofSeconds(10);

  private final String cluster;
  private final String node;
  private final Path logDir;
  private final Executor executor;
  private final Path shim;

  /**
   * @param cluster cluster name, passed to services as {@code SFC_CLUSTER}
   * @param node this node's name, passed as {@code SFC_NODE}
   * @param logDir directory for the per-service log files (created if missing)
   * @param executor runs exit listeners and the pid-line reader; should be bounded and named
   * @throws IOException if the log directory cannot be created
   */
  public LocalRunner(String cluster, String node, Path logDir, Executor executor)
      throws IOException {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.node = Objects.requireNonNull(node, "node");
    this.logDir = Files.createDirectories(logDir);
    this.executor = Objects.requireNonNull(executor, "executor");
    this.shim = Scripts.path(Scripts.SHIM);
  }

  /** The log file of the named service. */
  public Path logFile(String serviceName) {
    return logDir.resolve(serviceName.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
  }

  @Override
  public ServiceHandle start(ServiceSpec spec, long epoch, Duration budget, ExitListener onExit)
      throws IOException {
    Objects.requireNonNull(onExit, "onExit");
    Process shimProcess = processBuilder(spec, epoch, budget).start();
    long pid = readPid(shimProcess, spec.name());
    LocalServiceHandle handle = new LocalServiceHandle(shimProcess, pid, spec);
    handle.onExit(onExit, executor);
    return handle;
  }

  /** The command line that runs {@code spec} under the shim. */
  List<String> shimCommand(ServiceSpec spec, Duration budget) {
    List<String> cmd = new ArrayList<>();
    cmd.add(shim.toString());
    cmd.addAll(ShimFeed.arguments(spec, budget));
    cmd.addAll(spec.command());
    return cmd;
  }

  private ProcessBuilder processBuilder(ServiceSpec spec, long epoch, Duration budget) {
    if (spec.command().isEmpty()) {
      throw new IllegalArgumentException("service " + spec.name() + " has an empty command");
    }
    ProcessBuilder pb = new ProcessBuilder(shimCommand(spec, budget));
    if (spec.workingDir() != null) {
      pb.directory(spec.workingDir().toFile());
    }
    Map<String, String> env = pb.environment();
    io.sfc.secret.ChildEnv.current().scrub(spec.name(), env);
    env.putAll(spec.env());
    env.put("SFC_CLUSTER", cluster);
    env.put("SFC_NODE", node);
    env.put("SFC_SERVICE", spec.name());
    env.put("SFC_EPOCH", Long.toString(epoch));
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(logFile(spec.name()).toFile()));
    return pb;
  }

  /** Reads {@code pid <N>} from the shim; on failure kills the shim and throws. */
  private long readPid(Process process, String service) throws IOException {
    InputStream out = process.getInputStream();
    CompletableFuture<Long> pid = CompletableFuture.supplyAsync(() -> readPid(out), executor);
    try {
      return pid.get(PID_LINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw startFailed(process, service, "interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw startFailed(process, service, "no pid line from the shim", e);
    } finally {
      ShimFeed.closeQuietly(out);
    }
  }

  private static long readPid(InputStream in) {
    try {
      return ShimFeed.readPid(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the shim; closing its stdin makes its watchdog stop the service if it had started. */
  private IOException startFailed(Process p, String service, String why, Exception cause) {
    ShimFeed.closeQuietly(p.getOutputStream());
    p.destroyForcibly();
    String status = exited(p) ? " (shim exit status " + p.exitValue() + ")" : "";
    return new IOException(
        "cannot start " + service + ": " + why + status + "; see " + logFile(service), cause);
  }

  private static boolean exited(Process p) {
    try {
      return p.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
