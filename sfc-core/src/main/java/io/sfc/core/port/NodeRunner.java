package io.sfc.core.port;

import io.sfc.core.model.ServiceSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Starts service instances on a node under the watchdog shim (DESIGN.md §2.4).
 *
 * <p>Contract: the instance is killed (its whole process group) by the shim, without help from the
 * controller's JVM, when the feed stops for longer than the last budget given or when the
 * controller goes away. {@code onExit} is called exactly once, from any thread, when the instance
 * has ended.
 */
public interface NodeRunner {

  /**
   * Starts one instance.
   *
   * @param spec what to run
   * @param epoch the lease epoch it runs under (passed to the service as {@code SFC_EPOCH})
   * @param budget time left until the controller's local deadline
   * @param onExit called once with the exit status when the instance has ended
   * @throws TargetUnreachableException when the host that would run it cannot be reached (nothing
   *     was started)
   * @throws IOException when the start failed otherwise
   */
  ServiceHandle start(ServiceSpec spec, long epoch, Duration budget, ExitListener onExit)
      throws IOException;

  /**
   * Starts one instance with the budget measured when the instance is launched, not before: a
   * runner that does work first (fencing the other nodes) asks {@code budget} only when that work
   * is done, so the work never eats the watchdog's budget, while the controller renews meanwhile.
   * The default asks at once.
   *
   * @param budget the time left until the controller's local deadline at the instant it is called;
   *     zero when the lease is no longer held
   */
  default ServiceHandle start(
      ServiceSpec spec, long epoch, Supplier<Duration> budget, ExitListener onExit)
      throws IOException {
    return start(spec, epoch, budget.get(), onExit);
  }

  /** A fixed budget as a supplier: a deadline {@code budget} after now on {@code clock}. */
  static Supplier<Duration> fromNow(Duration budget, MonotonicClock clock) {
    long t0 = clock.nanoTime();
    return () -> budget.minusNanos(clock.nanoTime() - t0);
  }

  /** Receives the exit of a service instance. */
  @FunctionalInterface
  interface ExitListener {
    void exited(int status);

    /**
     * The connection to a remote instance was lost: it may still run on its host until its
     * watchdog's own deadline, so its state is unknown. {@link #exited} follows once that deadline
     * (plus the deadline stop timeout) has passed. At most once, before {@link #exited}; never for
     * a local instance.
     */
    default void lost(String why) {}
  }
}
