package io.sfc.core.control;

import java.util.Arrays;

/**
 * How long the controller loop's rounds took since the last {@link #drain()}: the most recent
 * {@value #CAPACITY} durations are kept, the count and maximum cover every round. Thread-safe: the
 * loop records, a timer drains.
 */
public final class RoundTimes {
  static final int CAPACITY = 4096;

  /** Rounds and their duration percentiles (nearest rank), in nanoseconds. */
  public record Summary(long rounds, long p50, long p90, long p99, long max) {
    @Override
    public String toString() {
      return String.format(
          "%d rounds, duration p50 %s, p90 %s, p99 %s, max %s",
          rounds, ms(p50), ms(p90), ms(p99), ms(max));
    }

    private static String ms(long nanos) {
      return String.format("%.2f ms", nanos / 1e6);
    }
  }

  private final long[] recent = new long[CAPACITY];
  private long rounds;
  private long max;

  /** Records one round that took {@code nanos}. */
  public synchronized void record(long nanos) {
    recent[(int) (rounds % CAPACITY)] = nanos;
    rounds++;
    max = Math.max(max, nanos);
  }

  /** The rounds since the last drain, and starts over. */
  public Summary drain() {
    long[] kept;
    long n;
    long longest;
    synchronized (this) {
      n = rounds;
      longest = max;
      kept = Arrays.copyOf(recent, (int) Math.min(n, CAPACITY));
      rounds = 0;
      max = 0;
    }
    Arrays.sort(kept);
    return new Summary(n, rank(kept, 0.5), rank(kept, 0.9), rank(kept, 0.99), longest);
  }

  private static long rank(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
