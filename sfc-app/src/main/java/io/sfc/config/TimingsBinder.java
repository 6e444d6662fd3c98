package io.sfc.config;

import io.sfc.core.model.Timings;
import io.sfc.reader.Problems;
import io.sfc.reader.Section;
import java.time.Duration;
import java.util.List;

/**
 * Reads the {@code timings:} section and applies the safety rule of {@link
 * Timings#violations(Duration, String)} to the default deadline stop timeout and to every service's
 * own one.
 *
 * <p>While no {@code deadline_stop_timeout} is written here, the cluster's one is its {@code
 * stop_timeout}: a configuration written before the two were split keeps one stop timeout for both
 * paths, checked by the safety rule as before.
 */
final class TimingsBinder {

  static final List<String> KEYS =
      List.of(
          "lease_ttl",
          "renew_interval",
          "renew_deadline",
          "stop_timeout",
          Timings.DEADLINE_STOP_KEY,
          "safety_margin");

  private final Section root;
  private final Section section;
  private final Timings timings;
  private final boolean deadlineStopWritten;

  private TimingsBinder(Section root, Section section, Timings timings, boolean deadlineWritten) {
    this.root = root;
    this.section = section;
    this.timings = timings;
    this.deadlineStopWritten = deadlineWritten;
  }

  /** Reads the section; {@link #timings()} is null when a value was reported as bad. */
  static TimingsBinder bind(Section root) {
    Section s = root.section("timings", KEYS);
    if (s == null) {
      return new TimingsBinder(root, null, Timings.DEFAULTS, false);
    }
    Timings d = Timings.DEFAULTS;
    Problems.Mark m = root.problems().mark();
    Duration stop = s.duration("stop_timeout", d.stopTimeout());
    Duration deadlineStop = s.duration(Timings.DEADLINE_STOP_KEY, null);
    Timings t =
        new Timings(
            s.duration("lease_ttl", d.leaseTtl()),
            s.duration("renew_interval", d.renewInterval()),
            s.duration("renew_deadline", d.renewDeadline()),
            stop,
            deadlineStop != null ? deadlineStop : stop,
            s.duration("safety_margin", d.safetyMargin()));
    boolean written = s.get(Timings.DEADLINE_STOP_KEY) != null;
    return new TimingsBinder(root, s, m.clean() ? t : null, written);
  }

  /** The timings, or null when a value was bad. */
  Timings timings() {
    return timings;
  }

  /** The timings, or the built-in ones when a value was bad (for the services' defaults). */
  Timings orDefaults() {
    return timings == null ? Timings.DEFAULTS : timings;
  }

  /** True when {@code timings:} writes a {@code deadline_stop_timeout}. */
  boolean deadlineStopWritten() {
    return deadlineStopWritten;
  }

  /** The key that gives the cluster's deadline stop timeout, as messages name it. */
  private String deadlineStopKey() {
    return deadlineStopWritten ? Timings.DEADLINE_STOP_KEY : "stop_timeout";
  }

  /**
   * Reports unsafe combinations: for the cluster under the key each rule names in {@code timings:},
   * and for each service whose own deadline stop timeout is unsafe under the key that wrote it (the
   * renew_interval rule does not depend on it).
   */
  void checkSafety(List<ServiceEntry> services) {
    if (timings == null) {
      return;
    }
    for (Timings.Violation v :
        timings.violations(timings.deadlineStopTimeout(), deadlineStopKey())) {
      int line = section == null ? 0 : section.lineOf(v.key());
      root.problems().add("timings." + v.key(), line, v.message());
    }
    for (ServiceEntry e : services) {
      ServiceEntry.OwnStop own = e.ownDeadlineStop();
      if (own == null || own.timeout().equals(timings.deadlineStopTimeout())) {
        continue;
      }
      for (Timings.Violation v : timings.violations(own.timeout(), own.key())) {
        if (!v.key().equals("renew_interval")) {
          e.section().report(own.key(), "for this service, " + v.message());
        }
      }
    }
  }
}
