package io.sfc.core.port;

/**
 * One way of asking whether a running service instance is healthy (an HTTP endpoint, a TCP port, a
 * command, a query). Implementations do the I/O and nothing else: the {@code HealthMonitor} that
 * runs them enforces the timeout, the interval, the failure threshold and the start-up grace
 * period.
 *
 * <p>A check may block; it is always called off the decision thread and is abandoned (interrupted)
 * when it overruns its timeout. An exception counts as a failed check whose detail is the
 * exception's message.
 */
@FunctionalInterface
public interface HealthCheck {

  /** Runs the check once. */
  Result check() throws Exception;

  /**
   * Runs the check once against the instance whose main process (also its process group id) is
   * {@code pid}, or {@code -1} when it is not known. Checks that look at the process itself (the
   * {@code process} check) override this; the others ignore the pid.
   */
  default Result check(long pid) throws Exception {
    return check();
  }

  /**
   * The outcome of one check.
   *
   * @param healthy true when the service answered as expected
   * @param detail one short line: what was seen (e.g. {@code HTTP 503}), shown in alerts and
   *     reasons
   */
  record Result(boolean healthy, String detail) {

    public static Result healthy(String detail) {
      return new Result(true, detail);
    }

    public static Result unhealthy(String detail) {
      return new Result(false, detail);
    }
  }
}
