package io.sfc.runner.local;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.port.NodeRunner.ExitListener;
import io.sfc.core.port.ServiceHandle;
import io.sfc.runner.shim.ShimFeed;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A service instance started by {@link LocalRunner}: the shim process and the pid of the service
 * (also its process group id). Feeds and the stop request go to the shim's stdin.
 */
public final class LocalServiceHandle implements ServiceHandle {

  /** Extra time stop() waits beyond the stop timeout before killing by itself. */
  static final Duration STOP_GRACE = Duration.ofSeconds(2);

  /** How long stop() waits for its own KILLs to take effect. */
  static final Duration KILL_WAIT = Duration.ofSeconds(2);

  private final Process shim;
  private final long pid;
  private final ServiceSpec spec;
  private final ShimFeed feed;

  LocalServiceHandle(Process shim, long pid, ServiceSpec spec) {
    this.shim = shim;
    this.pid = pid;
    this.spec = spec;
    this.feed = new ShimFeed(shim.getOutputStream());
  }

  /**
   * Calls {@code listener} once, on {@code executor}, with the shim's exit status; if the executor
   * rejects the task, on the thread that saw the exit.
   */
  void onExit(ExitListener listener, Executor executor) {
    shim.onExit()
        .thenAccept(p -> dispatch(() -> feed.reportOnce(listener, p.exitValue()), executor));
  }

  private static void dispatch(Runnable task, Executor executor) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  @Override
  public long pid() {
    return pid;
  }

  /** The pid of the shim process (the parent of the service). */
  public long shimPid() {
    return shim.pid();
  }

  /** Whether the shim, which outlives its service, is still running. */
  public boolean isAlive() {
    return shim.isAlive();
  }

  @Override
  public void feed(Duration budget) {
    feed.feed(budget);
  }

  @Override
  public void stop(StopPath path, Duration budget) {
    feed.stop(path, budget);
    Duration bound = spec.stopTimeout(path).plus(STOP_GRACE);
    if (!awaitExit(bound)) {
      killGroup();
      shim.destroyForcibly();
      awaitExit(KILL_WAIT);
    }
  }

  /** Closes the feed without a stop request, as if this JVM had died. */
  void closeFeed() {
    feed.closeFeed();
  }

  private boolean awaitExit(Duration bound) {
    CompletableFuture<Process> exit = shim.onExit();
    try {
      exit.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /** KILLs the service's process group with kill(1): Java has no API for process groups. */
  private void killGroup() {
    try {
      Process kill =
          new ProcessBuilder("kill", "-KILL", "--", "-" + pid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      // the shim's own watchdog still kills the group once its stdin is closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
