package io.sfc.core.control;

import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.MonotonicClock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the loop calls the metastore. The production policy bounds every call in time so that a
 * black-holed connection can never hold the decision thread past a lease deadline; a simulation
 * calls directly.
 */
@FunctionalInterface
public interface MetastoreCaller {

  /** A blocking metastore operation. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws MetastoreException;
  }

  <T> T call(Call<T> call) throws MetastoreException;

  /**
   * A call that timed out long after its limit on the monotonic clock: the controller did not run
   * for {@link #gapNanos()} meanwhile (stopped, starved or paused), so the missing answer says
   * nothing about the metastore. Its outcome is unknown, as for any timeout.
   */
  final class StalledCall extends MetastoreException {
    private static final long serialVersionUID = 1L;
    private final long gapNanos;

    public StalledCall(String message, long gapNanos) {
      super(message);
      this.gapNanos = gapNanos;
    }

    /** How long beyond the call's limit the controller did not run. */
    public long gapNanos() {
      return gapNanos;
    }
  }

  /** Calls on the current thread, without a time limit. */
  static MetastoreCaller direct() {
    return Call::run;
  }

  /**
   * Runs each call on {@code executor} and gives up after {@code timeout}. A call that times out
   * counts as failed with unknown outcome, exactly like a lost reply. A call {@code executor}
   * rejects fails as a {@link MetastoreException} without being sent; {@code executor} must reject
   * rather than run a task on the calling thread, where it would have no time limit. A timeout
   * found more than {@link ControllerLoop#STALL_NANOS} after the limit on {@code clock} is a {@link
   * StalledCall}.
   */
  static MetastoreCaller bounded(ExecutorService executor, Duration timeout, MonotonicClock clock) {
    return new MetastoreCaller() {
      @Override
      public <T> T call(Call<T> call) throws MetastoreException {
        Callable<T> task = call::run;
        long sent = clock.nanoTime();
        Future<T> f;
        try {
          f = executor.submit(task);
        } catch (RejectedExecutionException e) {
          throw new MetastoreException("metastore call not run: " + e.getMessage(), e);
        }
        try {
          return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          throw timedOut(clock.nanoTime() - sent - timeout.toNanos());
        } catch (ExecutionException e) {
          throw unwrap(e.getCause());
        } catch (InterruptedException e) {
          f.cancel(true);
          Thread.currentThread().interrupt();
          throw new MetastoreException("interrupted");
        }
      }

      private MetastoreException timedOut(long overrun) {
        String why = "no answer within " + timeout.toMillis() + " ms";
        return overrun >= ControllerLoop.STALL_NANOS
            ? new StalledCall(why, overrun)
            : new MetastoreException(why);
      }
    };
  }

  private static MetastoreException unwrap(Throwable cause) {
    if (cause instanceof MetastoreException m) {
      return m;
    }
    return new MetastoreException(String.valueOf(cause), cause);
  }
}
