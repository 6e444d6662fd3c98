package io.sfc.core.model;

import java.time.Duration;

/**
 * How a holder reacts to its service crashing.
 *
 * <p>The first crash is restarted at once; the n-th consecutive crash waits {@code backoffInitial *
 * 2^(n-2)}, capped at {@code backoffMax}. More than {@code maxRestarts} crashes inside {@code
 * window} make the holder step down: it stops, releases the lease and stays out of the election for
 * {@code cooldown} so that another node takes over.
 */
public record RestartPolicy(
    Duration backoffInitial,
    Duration backoffMax,
    int maxRestarts,
    Duration window,
    Duration cooldown) {

  public static final RestartPolicy DEFAULTS =
      new RestartPolicy(
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          3,
          Duration.ofMinutes(5),
          Duration.ofMinutes(1));

  /** The wait before restarting after the given number of consecutive crashes (1 = first). */
  public Duration backoffAfter(int consecutiveCrashes) {
    if (consecutiveCrashes <= 1) {
      return Duration.ZERO;
    }
    int shift = Math.min(consecutiveCrashes - 2, 30);
    Duration d = backoffInitial.multipliedBy(1L << shift);
    return d.compareTo(backoffMax) > 0 ? backoffMax : d;
  }
}
