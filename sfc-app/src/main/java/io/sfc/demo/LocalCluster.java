package io.sfc.demo;

import io.sfc.time.SystemTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Several real controller processes (separate JVMs) on loopback, each with its own config file.
 * Used by the demo and by the multi-process tests. {@link #close()} stops everything it started, by
 * pid, including the services under the controllers.
 */
public final class LocalCluster implements AutoCloseable {
  private final Path dir;
  private final List<String> classpath;
  private final Map<String, Process> controllers = new LinkedHashMap<>();
  private final List<ProcessHandle> everStarted = new ArrayList<>();

  /**
   * @param dir where config files and logs live
   * @param classpath how to run {@code io.sfc.cli.Main}: a jar or a class path
   */
  public LocalCluster(Path dir, String classpath) {
    this.dir = dir;
    this.classpath = List.of(classpath);
  }

  public Path dir() {
    return dir;
  }

  /** Starts (or restarts) the controller of {@code node} with config file {@code config}. */
  public Process start(String node, Path config) throws IOException {
    return start(node, config, List.of());
  }

  /**
   * Starts (or restarts) the controller of {@code node} with config file {@code config}, its JVM
   * run through {@code launcher} (e.g. {@code ip netns exec NS}, which must exec the JVM so that
   * the process started is the JVM itself).
   */
  public Process start(String node, Path config, List<String> launcher) throws IOException {
    return start(node, config, launcher, Map.of());
  }

  /**
   * Starts (or restarts) the controller of {@code node} as {@link #start(String, Path, List)} does,
   * with {@code env} added to the environment it inherits (e.g. the secrets its config references
   * as {@code ${VAR}}).
   */
  public synchronized Process start(
      String node, Path config, List<String> launcher, Map<String, String> env) throws IOException {
    Path log = dir.resolve(node + ".log");
    List<String> cmd = new ArrayList<>(launcher);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp"));
    cmd.addAll(classpath);
    cmd.addAll(List.of("io.sfc.cli.Main", "start", "--config", config.toString()));
    cmd.addAll(List.of("--log-dir", dir.resolve("logs-" + node).toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    controllers.put(node, p);
    everStarted.add(p.toHandle());
    return p;
  }

  public synchronized Process controller(String node) {
    return controllers.get(node);
  }

  /** Sends {@code signal} (e.g. KILL, STOP, CONT, TERM) to the controller of {@code node}. */
  public void signal(String node, String signal) throws IOException, InterruptedException {
    long pid = controller(node).pid();
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + pid + " failed");
    }
  }

  /** Writes a file in the cluster directory. */
  public Path write(String name, String content) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(name), content);
  }

  /**
   * Stops every controller gracefully (SIGTERM, and SIGCONT in case one is stopped), waits up to
   * {@code graceMillis}, then kills whatever is left of them and of their descendants.
   */
  public synchronized void stopAll(long graceMillis) {
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle h : everStarted) {
      h.descendants().forEach(all::add);
      all.add(h);
    }
    for (Process p : controllers.values()) {
      signalQuietly(p.pid(), "CONT");
      p.destroy();
    }
    long deadline = SystemTime.MONOTONIC.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    for (Process p : controllers.values()) {
      awaitQuietly(p, deadline);
    }
    all.forEach(ProcessHandle::destroyForcibly);
  }

  private static void awaitQuietly(Process p, long deadlineNanos) {
    try {
      long left = deadlineNanos - SystemTime.MONOTONIC.nanoTime();
      p.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void signalQuietly(long pid, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
    } catch (IOException e) {
      // best effort: the process may be gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stopAll(15_000);
  }
}
