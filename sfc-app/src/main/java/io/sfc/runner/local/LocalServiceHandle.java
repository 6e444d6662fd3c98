package io.sfc.runner.local;

import io.sfc.core.port.NodeRunner.ExitListener;
import io.sfc.core.port.ServiceHandle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

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
  private final Duration stopTimeout;
  private final OutputStream feed;
  private final AtomicBoolean reported = new AtomicBoolean();
  private boolean closed;

  LocalServiceHandle(Process shim, long pid, Duration stopTimeout) {
    this.shim = shim;
    this.pid = pid;
    this.stopTimeout = stopTimeout;
    this.feed = shim.getOutputStream();
  }

  /**
   * Calls {@code listener} once, on {@code executor}, with the shim's exit status; if the executor
   * rejects the task, on the thread that saw the exit.
   */
  void onExit(ExitListener listener, Executor executor) {
    shim.onExit().thenAccept(p -> dispatch(() -> report(listener, p.exitValue()), executor));
  }

  private static void dispatch(Runnable task, Executor executor) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  private void report(ExitListener listener, int status) {
    closeFeed();
    if (reported.compareAndSet(false, true)) {
      listener.exited(status);
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
    send(LocalRunner.millis(budget) + "\n", false);
  }

  @Override
  public void stop() {
    send("stop\n", true);
    Duration bound = stopTimeout.plus(STOP_GRACE);
    if (!awaitExit(bound)) {
      killGroup();
      shim.destroyForcibly();
      awaitExit(KILL_WAIT);
    }
  }

  /** Writes one line to the shim; a shim that is gone is ignored (onExit reports it). */
  private synchronized void send(String line, boolean thenClose) {
    if (closed) {
      return;
    }
    try {
      feed.write(line.getBytes(StandardCharsets.US_ASCII));
      feed.flush();
    } catch (IOException e) {
      thenClose = true;
    }
    if (thenClose) {
      closeFeed();
    }
  }

  /** Closes the feed without a stop request, as if this JVM had died. */
  synchronized void closeFeed() {
    closed = true;
    LocalRunner.closeQuietly(feed);
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
