package io.sfc.doctor;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How far a remote clock is from this node's, from one round trip: the remote time is taken to be
 * read at the midpoint of the local instants before and after the call.
 *
 * @param offset remote minus local (positive: the remote clock is ahead)
 * @param uncertainty half the round trip, plus half the remote time's resolution
 */
public record ClockOffset(Duration offset, Duration uncertainty) {

  /**
   * @param before the local time just before the call
   * @param remote the remote clock's reading
   * @param after the local time just after the answer
   * @param resolution how coarse the remote reading is (an HTTP Date header truncates to seconds)
   */
  public static ClockOffset measure(
      Instant before, Instant remote, Instant after, Duration resolution) {
    Duration halfTrip = Duration.between(before, after).dividedBy(2);
    Instant mid = before.plus(halfTrip);
    Instant estimate = remote.plus(resolution.dividedBy(2));
    return new ClockOffset(Duration.between(mid, estimate), halfTrip.plus(resolution.dividedBy(2)));
  }

  /** The smallest offset the measurement allows. */
  public Duration atLeast() {
    Duration d = offset.abs().minus(uncertainty);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** E.g. {@code +0.120s (±0.003s)}. */
  public String describe() {
    return String.format(
        Locale.ROOT, "%+.3fs (±%.3fs)", offset.toNanos() / 1e9, uncertainty.toNanos() / 1e9);
  }

  /**
   * FAIL when the offset is certainly beyond {@code max}; WARN when it may be; PASS otherwise.
   *
   * @param what e.g. "ahead of this node" is appended by the caller's detail
   */
  Finding judge(String check, String subject, Duration max, String what) {
    String detail = what + " offset " + describe() + ", bound " + fmt(max);
    String fix =
        "run NTP (chrony or systemd-timesyncd) on every master and on the metastore hosts, and"
            + " check they sync to the same source";
    if (atLeast().compareTo(max) > 0) {
      return Finding.fail(check, subject, detail, fix);
    }
    if (offset.abs().plus(uncertainty).compareTo(max) > 0) {
      return Finding.warn(check, subject, detail + "; may exceed the bound", fix);
    }
    return Finding.pass(check, subject, detail);
  }

  static String fmt(Duration d) {
    return String.format(Locale.ROOT, "%.3fs", d.toNanos() / 1e9);
  }
}
