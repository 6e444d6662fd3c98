package io.sfc.core.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lease timings of a cluster (DESIGN.md §2.3).
 *
 * <p>The safety rule is {@code renew_deadline + stop_timeout + safety_margin < lease_ttl}: a holder
 * that cannot renew stops its service (local deadline, then at most {@code stop_timeout}) strictly
 * before any other node can acquire the lease on the metastore's clock.
 *
 * @param leaseTtl how long the metastore keeps a lease after its last renewal
 * @param renewInterval how often the holder renews
 * @param renewDeadline how long after the instant before its last successful renewal the holder
 *     keeps its service running without another success
 * @param stopTimeout default time between TERM and KILL when a service is stopped
 * @param safetyMargin slack for clock rate drift and scheduling delays
 */
public record Timings(
    Duration leaseTtl,
    Duration renewInterval,
    Duration renewDeadline,
    Duration stopTimeout,
    Duration safetyMargin) {

  /** The defaults the documentation promises: 10 s, 1 s, 6 s, 2 s, 1 s. */
  public static final Timings DEFAULTS =
      new Timings(
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofSeconds(6),
          Duration.ofSeconds(2),
          Duration.ofSeconds(1));

  public Timings {
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    Objects.requireNonNull(renewInterval, "renewInterval");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(safetyMargin, "safetyMargin");
  }

  /**
   * Checks the safety rules for a service whose stop timeout is {@code serviceStopTimeout}.
   *
   * @return one violation per violated rule, empty when safe
   */
  public List<Violation> violations(Duration serviceStopTimeout) {
    List<Violation> out = new ArrayList<>();
    for (Duration d : List.of(leaseTtl, renewInterval, renewDeadline, safetyMargin)) {
      if (d.isNegative() || d.isZero()) {
        out.add(new Violation("renew_deadline", "every timing must be positive"));
        return out;
      }
    }
    Duration budget = renewDeadline.plus(serviceStopTimeout).plus(safetyMargin);
    if (budget.compareTo(leaseTtl) >= 0) {
      out.add(
          new Violation(
              "renew_deadline",
              String.format(
                  "renew_deadline (%s) + stop_timeout (%s) + safety_margin (%s) = %s must be less than"
                      + " lease_ttl (%s), or a stalled holder could still run its service when another"
                      + " node acquires the lease; raise lease_ttl above %s or lower the others",
                  fmt(renewDeadline),
                  fmt(serviceStopTimeout),
                  fmt(safetyMargin),
                  fmt(budget),
                  fmt(leaseTtl),
                  fmt(budget))));
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

  /** The timings in one line, for logs and {@code sfc check-config}. */
  public String describe() {
    return String.format(
        "lease_ttl %s, renew_interval %s, renew_deadline %s, stop_timeout %s, safety_margin %s",
        fmt(leaseTtl), fmt(renewInterval), fmt(renewDeadline), fmt(stopTimeout), fmt(safetyMargin));
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
