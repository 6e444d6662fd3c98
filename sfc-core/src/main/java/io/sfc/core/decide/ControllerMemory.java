package io.sfc.core.decide;

import io.sfc.core.model.Directives;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.Switchover;
import io.sfc.core.model.Timings;
import java.time.Duration;

/**
 * What a controller remembers of one service between loops: its {@link LocalState} and what it last
 * read from the metastore. Immutable; {@link Transitions} computes the next one from an outcome.
 *
 * @param local the lease, the local instance and the crash history
 * @param directives the operator directives last read (kept through a metastore outage, so that a
 *     pause outlives it), never null
 * @param seen what this controller saw of the lease so far, from which {@link Takeover} judges an
 *     acquisition (failover, handover or neither)
 * @param announcedSwitchover epoch of the last switchover request recorded as an event, or 0
 * @param metastoreDown true after a failed read, until a read succeeds (the outage is recorded
 *     once)
 * @param downSince monotonic time of the first failed read of the current outage (meaningful only
 *     while {@code metastoreDown})
 * @param lastLookAt monotonic time of the last look at the metastore
 * @param stallPending true after the controller was found not to have run for a while ({@link
 *     Outcome.Stalled}), until the next read: a read that then fails is blamed on the stall, not on
 *     the metastore
 */
public record ControllerMemory(
    LocalState local,
    Directives directives,
    Takeover.Seen seen,
    long announcedSwitchover,
    boolean metastoreDown,
    long downSince,
    long lastLookAt,
    boolean stallPending) {

  /**
   * How often per renew interval every controller reads the lease and the directives, so that a
   * switchover request, a pause or a free lease is seen within half the interval; a holder still
   * renews once per interval.
   */
  private static final int LOOKS_PER_RENEWAL = 2;

  /** Fastest loop of a switchover target waiting for the holder to hand the lease off. */
  private static final long MIN_HANDOFF_POLL_NANOS = Duration.ofMillis(20).toNanos();

  /** A controller that just started; {@code lastLookAt} says when its first look is due. */
  public static ControllerMemory initial(long lastLookAt) {
    return new ControllerMemory(
        LocalState.initial(),
        Directives.NONE,
        Takeover.Seen.NOTHING,
        0,
        false,
        0,
        lastLookAt,
        false);
  }

  public ControllerMemory with(LocalState l) {
    return new ControllerMemory(
        l,
        directives,
        seen,
        announcedSwitchover,
        metastoreDown,
        downSince,
        lastLookAt,
        stallPending);
  }

  ControllerMemory looked(LeaseRecord record, Directives read, long at) {
    return new ControllerMemory(
        local, read, seen.then(record), announcedSwitchover, false, 0, at, false);
  }

  ControllerMemory unreachable(long at) {
    long since = metastoreDown ? downSince : at;
    return new ControllerMemory(
        local, directives, seen, announcedSwitchover, true, since, at, false);
  }

  /** A stall was found: the next failed read is blamed on it. */
  ControllerMemory stalled() {
    return new ControllerMemory(
        local, directives, seen, announcedSwitchover, metastoreDown, downSince, lastLookAt, true);
  }

  /** A read failed right after a stall: looked at {@code at}, no outage begins. */
  ControllerMemory failedAfterStall(long at) {
    return new ControllerMemory(
        local, directives, seen, announcedSwitchover, metastoreDown, downSince, at, false);
  }

  ControllerMemory announced(long epoch) {
    return new ControllerMemory(
        local, directives, seen, epoch, metastoreDown, downSince, lastLookAt, stallPending);
  }

  ControllerMemory switchoverCleared() {
    Directives d = new Directives(directives.paused(), directives.pausedBy(), null);
    return new ControllerMemory(
        local, d, seen, announcedSwitchover, metastoreDown, downSince, lastLookAt, stallPending);
  }

  /**
   * How long after {@code now} the controller of {@code node} needs its next step: its next look at
   * the metastore, and while holding its next renewal or its local deadline, whichever is first.
   */
  public long nanosUntilDue(long now, String node, Timings timings) {
    long interval = timings.renewInterval().toNanos();
    long look = interval / LOOKS_PER_RENEWAL;
    if (!local.holding()) {
      boolean handoff = awaitingHandoff(node, timings);
      long period = handoff ? Math.max(interval / 10, MIN_HANDOFF_POLL_NANOS) : look;
      return Math.max(0, lastLookAt + period - now);
    }
    long renew = local.lastRenewAttempt() + interval - now;
    long deadline = local.budgetLeft(now, timings.renewDeadline().toNanos());
    return Math.max(0, Math.min(Math.min(renew, deadline), lastLookAt + look - now));
  }

  /**
   * True while a fresh switchover names {@code node} as the target: it then loops at a tenth of the
   * renew interval so that it takes the lease soon after the holder hands it off.
   */
  private boolean awaitingHandoff(String node, Timings timings) {
    Switchover sw = directives.switchover();
    return sw != null
        && sw.to().equals(node)
        && !directives.paused()
        && sw.age().compareTo(timings.leaseTtl()) < 0;
  }
}
