package io.sfc.core.health;

import io.sfc.core.model.HealthCheckSpec;
import io.sfc.core.model.Timings;
import io.sfc.core.port.HealthCheck;
import io.sfc.core.port.HealthCheck.Result;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.Timer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs the health checks of one service's running instance and says, once, when it has become
 * unhealthy.
 *
 * <p>Each check starts every {@code interval} (fixed rate) on the injected executor, so a hang is
 * detected within {@code interval * failureThreshold + timeout}. A check that has not answered
 * within its {@code timeout} counts as failed; a check still running when its next turn comes
 * counts as failed again without starting a second copy, so a hung check holds at most one thread.
 * Failures within {@code startGrace} of {@link #watch} do not count. When one check has failed
 * {@code failureThreshold} times in a row, the listener given to {@link #watch} is called exactly
 * once with a reason such as {@code health check http failed 3 times: HTTP 503}, and the monitor
 * stops watching that instance.
 *
 * <p>Check implementations should also bound their own I/O with the timeout (the monitor cannot
 * interrupt an arbitrary {@link Executor} task). Thread-safe; the listener runs on a timer or check
 * thread and must only hand the news on (e.g. post to the loop inbox).
 */
public final class HealthMonitor {
  private static final Logger LOG = System.getLogger(HealthMonitor.class.getName());

  /** One check with its schedule. */
  public record Probe(HealthCheckSpec spec, HealthCheck check) {}

  private final String service;
  private final List<Probe> probes;
  private final Timer timer;
  private final Executor checks;
  private final MonotonicClock clock;
  private Watch current;

  /**
   * @param service service name, for logs
   * @param probes the checks; none means the monitor never reports anything
   * @param timer schedules check turns and timeouts
   * @param checks runs the checks themselves (bounded and named in production)
   * @param clock monotonic clock, for the grace period
   */
  public HealthMonitor(
      String service, List<Probe> probes, Timer timer, Executor checks, MonotonicClock clock) {
    this.service = service;
    this.probes = List.copyOf(probes);
    this.timer = timer;
    this.checks = checks;
    this.clock = clock;
  }

  /** A monitor without checks: the process exit is the only failure signal. */
  public static HealthMonitor none() {
    return new HealthMonitor("-", List.of(), (task, delay) -> () -> {}, Runnable::run, () -> 0);
  }

  /** True when there is nothing to check. */
  public boolean isEmpty() {
    return probes.isEmpty();
  }

  /**
   * Starts watching a freshly started instance, ending any earlier watch.
   *
   * @param onUnhealthy called at most once, with the reason, when a check reached its threshold
   */
  public synchronized void watch(Consumer<String> onUnhealthy) {
    watch(-1, onUnhealthy);
  }

  /**
   * Starts watching a freshly started instance whose main process is {@code pid}, ending any
   * earlier watch; each check is given the pid (see {@link HealthCheck#check(long)}).
   *
   * @param onUnhealthy called at most once, with the reason, when a check reached its threshold
   */
  public synchronized void watch(long pid, Consumer<String> onUnhealthy) {
    endWatch();
    Watch w = new Watch(clock.nanoTime(), pid, onUnhealthy);
    current = w;
    for (Probe p : probes) {
      ProbeRun run = new ProbeRun(w, p);
      w.runs.add(run);
      run.scheduleNext();
    }
  }

  /** Stops watching (the instance is stopping or gone). Pending turns are cancelled. */
  public synchronized void unwatch() {
    endWatch();
    current = null;
  }

  private void endWatch() {
    if (current != null) {
      current.active = false;
      current.runs.forEach(ProbeRun::cancel);
    }
  }

  /** The watch of one instance. */
  private static final class Watch {
    final long startedAt;
    final long pid;
    final Consumer<String> onUnhealthy;
    final List<ProbeRun> runs = new ArrayList<>();
    final AtomicBoolean fired = new AtomicBoolean();
    volatile boolean active = true;

    Watch(long startedAt, long pid, Consumer<String> onUnhealthy) {
      this.startedAt = startedAt;
      this.pid = pid;
      this.onUnhealthy = onUnhealthy;
    }
  }

  /** One check of one watch: its turns, its in-flight attempt and its failure count. */
  private final class ProbeRun {
    final Watch watch;
    final Probe probe;
    int failures;
    boolean inFlight;
    Runnable cancelNext = () -> {};

    ProbeRun(Watch watch, Probe probe) {
      this.watch = watch;
      this.probe = probe;
    }

    void scheduleNext() {
      synchronized (HealthMonitor.this) {
        if (watch.active) {
          cancelNext = timer.schedule(this::turnSafely, probe.spec().interval());
        }
      }
    }

    void cancel() {
      cancelNext.run();
    }

    void turnSafely() {
      try {
        turn(); // schedules the next turn first, so a failure here cannot stop the checks
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "health check turn failed; continuing", e);
      }
    }

    void turn() {
      synchronized (HealthMonitor.this) {
        if (!watch.active) {
          return;
        }
        scheduleNext();
        if (inFlight) {
          Duration t = probe.spec().timeout();
          settleLater(Result.unhealthy("previous check still running after " + Timings.fmt(t)));
          return;
        }
        inFlight = true;
      }
      AtomicBoolean settled = new AtomicBoolean();
      Duration timeout = probe.spec().timeout();
      Runnable cancelTimeout =
          timer.schedule(
              () -> settle(settled, Result.unhealthy("no answer within " + Timings.fmt(timeout))),
              timeout);
      checks.execute(() -> attempt(settled, cancelTimeout));
    }

    private void settleLater(Result r) {
      // Called under the monitor lock: record outside it to keep the listener call lock-free.
      timer.schedule(() -> settle(new AtomicBoolean(), r), Duration.ZERO);
    }

    void attempt(AtomicBoolean settled, Runnable cancelTimeout) {
      Result r = run(probe.check(), watch.pid);
      synchronized (HealthMonitor.this) {
        inFlight = false;
      }
      cancelTimeout.run();
      settle(settled, r);
    }

    void settle(AtomicBoolean settled, Result r) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      String reason = record(r);
      if (reason != null) {
        LOG.log(Level.WARNING, "{0}: {1}", service, reason);
        watch.onUnhealthy.accept(reason);
      }
    }

    /** Counts the result; returns the reason when this makes the instance unhealthy. */
    private String record(Result r) {
      synchronized (HealthMonitor.this) {
        if (!watch.active) {
          return null;
        }
        boolean inGrace = clock.nanoTime() - watch.startedAt < probe.spec().startGrace().toNanos();
        if (r.healthy() || inGrace) {
          failures = 0;
          return null;
        }
        failures++;
        if (failures < probe.spec().failureThreshold() || !watch.fired.compareAndSet(false, true)) {
          return null;
        }
        watch.active = false;
        watch.runs.forEach(ProbeRun::cancel);
        return "health check "
            + probe.spec().name()
            + " failed "
            + failures
            + (failures == 1 ? " time: " : " times: ")
            + r.detail();
      }
    }
  }

  private static Result run(HealthCheck check, long pid) {
    try {
      Result r = check.check(pid);
      return r == null ? Result.unhealthy("check returned nothing") : r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.unhealthy("interrupted");
    } catch (Exception e) {
      String m = e.getMessage();
      return Result.unhealthy(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }
  }
}
