package io.sfc.core.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lease timings of a cluster (DESIGN.md §2.3).
 *
 * <p>The safety rule is {@code renew_deadline + deadline_stop_timeout + safety_margin < lease_ttl}:
 * a holder that cannot renew stops its service (local deadline, then at most {@code
 * deadline_stop_timeout}) strictly before any other node can acquire the lease on the metastore's
 * clock. A {@link StopPath#PLANNED planned} stop happens while the lease is held and renewed, so
 * its {@code stop_timeout} is not bound by the rule.
 *
 * @param leaseTtl how long the metastore keeps a lease after its last renewal
 * @param renewInterval how often the holder renews
 * @param renewDeadline how long after the instant before its last successful renewal the holder
 *     keeps its service running without another success
 * @param stopTimeout default time between TERM and KILL in a planned stop
 * @param deadlineStopTimeout default time between TERM and KILL in a deadline stop
 * @param safetyMargin slack for clock rate drift and scheduling delays
 */
public record Timings(
    Duration leaseTtl,
    Duration renewInterval,
    Duration renewDeadline,
    Duration stopTimeout,
    Duration deadlineStopTimeout,
    Duration safetyMargin) {

  /** The defaults the documentation promises: 10 s, 1 s, 6 s, 2 s, 2 s, 1 s. */
  public static final Timings DEFAULTS =
      new Timings(
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofSeconds(6),
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofSeconds(1));

  /** The key of the stop timeout that the safety rule bounds once it is written. */
  public static final String DEADLINE_STOP_KEY = "deadline_stop_timeout";

  public Timings {
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    Objects.requireNonNull(renewInterval, "renewInterval");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(deadlineStopTimeout, "deadlineStopTimeout");
    Objects.requireNonNull(safetyMargin, "safetyMargin");
  }

  /** A timing set with one stop timeout for both stop paths. */
  public Timings(
      Duration leaseTtl,
      Duration renewInterval,
      Duration renewDeadline,
      Duration stopTimeout,
      Duration safetyMargin) {
    this(leaseTtl, renewInterval, renewDeadline, stopTimeout, stopTimeout, safetyMargin);
  }

  /** The safety rules for this timing set's own deadline stop timeout, named as written. */
  public List<Violation> violations() {
    return violations(deadlineStopTimeout, DEADLINE_STOP_KEY);
  }

  /**
   * Checks the safety rules for a service whose deadline stop timeout is {@code deadlineStop}.
   *
   * @param stopKey the key that gave {@code deadlineStop}: {@value #DEADLINE_STOP_KEY}, or {@code
   *     stop_timeout} while no deadline stop timeout is written (one stop timeout then serves both
   *     paths, and the message says how to split it)
   * @return one violation per violated rule, empty when safe
   */
  public List<Violation> violations(Duration deadlineStop, String stopKey) {
    List<Violation> out = new ArrayList<>();
    for (Duration d : List.of(leaseTtl, renewInterval, renewDeadline, safetyMargin)) {
      if (d.isNegative() || d.isZero()) {
        out.add(new Violation("renew_deadline", "every timing must be positive"));
        return out;
      }
    }
    Duration budget = renewDeadline.plus(deadlineStop).plus(safetyMargin);
    if (budget.compareTo(leaseTtl) >= 0) {
      out.add(
          new Violation(
              "renew_deadline",
              String.format(
                  "renew_deadline (%s) + %s (%s) + safety_margin (%s) = %s must be less than"
                      + " lease_ttl (%s), or a stalled holder could still run its service when another"
                      + " node acquires the lease; raise lease_ttl above %s or lower the others%s",
                  fmt(renewDeadline),
                  stopKey,
                  fmt(deadlineStop),
                  fmt(safetyMargin),
                  fmt(budget),
                  fmt(leaseTtl),
                  fmt(budget),
                  stopKey.equals(DEADLINE_STOP_KEY) ? "" : SPLIT_HINT)));
    }
    if (renewInterval.compareTo(renewDeadline) >= 0) {
      out.add(
          new Violation(
              "renew_interval",
              String.format(
                  "renew_interval (%s) must be less than renew_deadline (%s), or a single late"
                      + " renewal stops the service; use a renew_interval of at most a third of"
                      + " renew_deadline",
                  fmt(renewInterval), fmt(renewDeadline))));
    }
    return out;
  }

  private static final String SPLIT_HINT =
      " (this bounds stop_timeout only while no deadline_stop_timeout is set: give"
          + " deadline_stop_timeout a value that fits, and stop_timeout may then be as long as"
          + " planned stops need)";

  /** The timings in one line, for logs and {@code sfc check-config}. */
  public String describe() {
    return String.format(
        "lease_ttl %s, renew_interval %s, renew_deadline %s, stop_timeout %s,"
            + " deadline_stop_timeout %s, safety_margin %s",
        fmt(leaseTtl),
        fmt(renewInterval),
        fmt(renewDeadline),
        fmt(stopTimeout),
        fmt(deadlineStopTimeout),
        fmt(safetyMargin));
  }

  /**
   * One violated safety rule.
   *
   * @param key the timing key to change, as the configuration file names it
   * @param message what is wrong, with the values and the fix
   */
  public record Violation(String key, String message) {}

  /** Formats a duration the way the configuration file writes it, e.g. {@code 1.5s}. */
  public static String fmt(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 3_600_000 == 0) {
      return (ms / 3_600_000) + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return (ms / 60_000) + "m";
    }
    if (ms % 1000 == 0) {
      return (ms / 1000) + "s";
    }
    return ms < 1000 ? ms + "ms" : String.format("%.3fs", ms / 1000.0).replaceAll("0+s$", "s");
  }
}
