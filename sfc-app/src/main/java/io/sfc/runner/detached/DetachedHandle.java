package io.sfc.runner.detached;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.NodeRunner.ExitListener;
import io.sfc.core.port.ServiceHandle;
import io.sfc.runner.shell.Procs;
import io.sfc.runner.shell.ShellResult;
import io.sfc.time.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A detached service instance: polled for liveness; stopped by {@code stop_command} or signals. Its
 * only watchdog is in this JVM (see {@link DetachedRunner}).
 */
public final class DetachedHandle implements ServiceHandle {
  private static final Logger LOG = LoggerFactory.getLogger(DetachedHandle.class);

  /** Reported when the process was found gone: a detached service's exit status is unknown. */
  public static final int GONE = 255;

  private final ServiceSpec spec;
  private final DetachedSettings settings;
  private final Procs procs;
  private final Liveness live;
  private final long pid;
  private final ExitListener onExit;
  private final MonotonicClock clock;
  private final Sleeper sleeper;
  private final AtomicBoolean reported = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile long deadline;
  private volatile ScheduledFuture<?> poll;

  DetachedHandle(
      ServiceSpec spec,
      DetachedSettings settings,
      Procs procs,
      Liveness live,
      long pid,
      long deadline,
      ExitListener onExit,
      MonotonicClock clock,
      Sleeper sleeper) {
    this.spec = spec;
    this.settings = settings;
    this.procs = procs;
    this.live = live;
    this.pid = pid;
    this.deadline = deadline;
    this.onExit = onExit;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  void schedule(ScheduledExecutorService timer, Executor executor) {
    long every = settings.pollInterval().toNanos();
    poll =
        timer.scheduleWithFixedDelay(
            () -> executor.execute(this::pollOnce), every, every, TimeUnit.NANOSECONDS);
  }

  private void pollOnce() {
    if (reported.get() || stopping.get()) {
      return;
    }
    try {
      if (clock.nanoTime() - deadline > 0) {
        LOG.warn(
            "{}: not fed within its budget: stopping the detached service (in-JVM deadline)",
            spec.name());
        stop(StopPath.DEADLINE, Duration.ZERO);
      } else if (live.check() == null) {
        report();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "{}: liveness check on {} failed: {}",
          spec.name(),
          procs.shell().describe(),
          e.toString());
    }
  }

  private void report() {
    if (reported.compareAndSet(false, true)) {
      ScheduledFuture<?> p = poll;
      if (p != null) {
        p.cancel(false);
      }
      onExit.exited(GONE);
    }
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public void feed(Duration budget) {
    deadline = clock.nanoTime() + budget.toNanos();
  }

  /**
   * Runs the stop command (or sends the stop signal), then KILLs after the stop timeout of {@code
   * path}; a planned stop is KILLed earlier when the budget, extended by later feeds, runs out and
   * the deadline stop timeout has passed after it (this JVM is the only watchdog here).
   */
  @Override
  public void stop(StopPath path, Duration budget) {
    long now = clock.nanoTime();
    long end = now + spec.stopTimeout(path).toNanos();
    if (path == StopPath.PLANNED) {
      feed(budget);
    }
    boolean first = stopping.compareAndSet(false, true);
    try {
      if (first) {
        requestStop();
      }
      if (!awaitGone(() -> path == StopPath.PLANNED ? Math.min(end, deadlineKill()) : end)) {
        procs.shell().run("kill -KILL " + pid, null);
        awaitGone(Duration.ofSeconds(2));
      }
    } catch (IOException e) {
      LOG.warn("{}: stop on {} failed: {}", spec.name(), procs.shell().describe(), e.toString());
    }
    report();
  }

  private void requestStop() throws IOException {
    String cmd =
        settings.stopCommand() != null
            ? settings.stopCommand()
            : "kill -" + spec.stopSignal() + " " + pid;
    ShellResult r = procs.shell().run(cmd, null);
    if (!r.ok()) {
      LOG.warn("{}: stop command exited with {}: {}", spec.name(), r.status(), r.lastLine());
    }
  }

  /** When a planned stop is cut short: the deadline stop timeout after the budget ran out. */
  private long deadlineKill() {
    return deadline + spec.stopTimeout(StopPath.DEADLINE).toNanos();
  }

  private boolean awaitGone(Duration bound) throws IOException {
    long end = clock.nanoTime() + bound.toNanos();
    return awaitGone(() -> end);
  }

  /** Polls until the service is gone (true) or the monotonic time {@code end} has passed. */
  private boolean awaitGone(LongSupplier end) throws IOException {
    while (live.check() != null) {
      if (clock.nanoTime() - end.getAsLong() > 0) {
        return false;
      }
      DetachedRunner.pause(sleeper, Duration.ofMillis(100));
    }
    return true;
  }
}
