package io.sfc.core.decide;

import io.sfc.core.model.EventKind;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.Switchover;
import java.util.Optional;

/**
 * What an acquisition was, judged only from what the acquirer saw of the previous lease: planned
 * (the holder released it) or unplanned (it expired or was broken), or neither (a first or cold
 * start). Pure; the table is {@code TakeoverTest}.
 *
 * @param kind what the acquisition was
 * @param reason the event's reason; null when the acquisition records no event beyond ACQUIRED
 */
public record Takeover(Kind kind, String reason) {

  /** The kinds of acquisition. */
  public enum Kind {
    /** The lease was vacant: the first start of an empty cluster (or after clear-metadata). */
    FIRST_START,
    /** This node held the lease last (its controller restarted, or it lost and took it back). */
    REACQUIRED,
    /**
     * Released before this controller saw it held by anyone: the cold restart of a cleanly stopped
     * cluster.
     */
    COLD_START,
    /** The switchover's target took the lease handed to it. */
    SWITCHOVER,
    /** Taken after its holder released it (shutdown, step-down, pause handling): planned. */
    HANDOVER,
    /** Taken after the holder's lease expired or was broken: unplanned. */
    FAILOVER
  }

  /**
   * What a controller saw of a service's lease so far.
   *
   * @param last the last record read, or null before the first read
   * @param sawHeld true when any read since this controller started found the lease held
   */
  public record Seen(LeaseRecord last, boolean sawHeld) {
    /** Before the first read. */
    public static final Seen NOTHING = new Seen(null, false);

    /** What is seen after reading {@code record}. */
    public Seen then(LeaseRecord record) {
      return new Seen(record, sawHeld || !record.isFree());
    }
  }

  /**
   * Classifies the acquisition of {@code epoch} by {@code self}.
   *
   * @param seen what {@code self} saw of the lease up to the read before acquiring
   * @param switchover the switchover request in effect, or null
   */
  public static Takeover classify(Seen seen, String self, Switchover switchover, long epoch) {
    if (switchover != null && switchover.to().equals(self) && switchover.epoch() < epoch) {
      return new Takeover(
          Kind.SWITCHOVER,
          tookOver(switchover.from(), epoch)
              + " by switchover requested by "
              + switchover.requestedBy());
    }
    LeaseRecord last = seen.last();
    if (last == null || last.holder() == null) {
      return new Takeover(Kind.FIRST_START, null);
    }
    String from = last.holder();
    if (from.equals(self)) {
      return new Takeover(Kind.REACQUIRED, null);
    }
    if (!last.released()) {
      return new Takeover(Kind.FAILOVER, tookOver(from, epoch) + " after its lease expired");
    }
    return seen.sawHeld()
        ? new Takeover(Kind.HANDOVER, tookOver(from, epoch) + " after " + from + " released it")
        : new Takeover(Kind.COLD_START, null);
  }

  private static String tookOver(String from, long epoch) {
    return "took over from " + from + " at epoch " + epoch;
  }

  /** The event this acquisition records after ACQUIRED, if any. */
  public Optional<EventKind> event() {
    return switch (kind) {
      case SWITCHOVER -> Optional.of(EventKind.TOOK_OVER);
      case HANDOVER -> Optional.of(EventKind.HANDOVER);
      case FAILOVER -> Optional.of(EventKind.FAILOVER);
      default -> Optional.empty();
    };
  }
}
