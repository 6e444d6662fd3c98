package io.sfc.metastore;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the event log keeps events, on every backend: the newest {@link #keep} per cluster, none
 * older than {@link #maxAge} (on the metastore's clock; on etcd the writer's).
 *
 * <p>The trim piggybacks on event writes: a controller trims after the first event it writes and
 * then after every {@link #trimEvery()}th. Trims of different controllers delete the same old
 * events; deleting one twice is a no-op, so they need no coordination, and since each controller
 * trims only every few of its own writes they rarely run at once. A cluster that writes no events
 * does not grow, so nothing is lost by not trimming it.
 *
 * @param keep events kept per cluster (at least 1); up to {@link #trimEvery()} more between trims
 * @param maxAge events older than this are deleted at the next trim
 */
public record EventRetention(int keep, Duration maxAge) {
  /** The defaults: 10000 events, 30 days. */
  public static final EventRetention DEFAULT = new EventRetention(10_000, Duration.ofDays(30));

  private static final int MAX_TRIM_EVERY = 100;

  public EventRetention {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1: " + keep);
    }
    Objects.requireNonNull(maxAge, "maxAge");
  }

  /** Every how many own writes a controller trims: 100, or a tenth of {@link #keep} if smaller. */
  public int trimEvery() {
    return Math.max(1, Math.min(MAX_TRIM_EVERY, keep / 10));
  }

  /** True when the {@code written}th event this controller wrote (from 1) triggers a trim. */
  public boolean trimAfter(long written) {
    return written == 1 || written % trimEvery() == 0;
  }
}
