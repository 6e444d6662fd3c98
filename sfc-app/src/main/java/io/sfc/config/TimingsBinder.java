package io.sfc.config;

import io.sfc.core.model.Timings;
import io.sfc.reader.Problems;
import io.sfc.reader.Section;
import java.time.Duration;
import java.util.List;

/**
 * Reads the {@code timings:} section and applies the safety rule of {@link
 * Timings#violations(Duration)} to the default stop timeout and to every service's own one.
 */
final class TimingsBinder {

  static final List<String> KEYS =
      List.of("lease_ttl", "renew_interval", "renew_deadline", "stop_timeout", "safety_margin");

  private final Section root;
  private final Section section;
  private final Timings timings;

  private TimingsBinder(Section root, Section section, Timings timings) {
    this.root = root;
    this.section = section;
    this.timings = timings;
  }

  /** Reads the section; {@link #timings()} is null when a value was reported as bad. */
  static TimingsBinder bind(Section root) {
    Section s = root.section("timings", KEYS);
    if (s == null) {
      return new TimingsBinder(root, null, Timings.DEFAULTS);
    }
    Timings d = Timings.DEFAULTS;
    Problems.Mark m = root.problems().mark();
    Timings t =
        new Timings(
            s.duration("lease_ttl", d.leaseTtl()),
            s.duration("renew_interval", d.renewInterval()),
            s.duration("renew_deadline", d.renewDeadline()),
            s.duration("stop_timeout", d.stopTimeout()),
            s.duration("safety_margin", d.safetyMargin()));
    return new TimingsBinder(root, s, m.clean() ? t : null);
  }

  /** The timings, or null when a value was bad. */
  Timings timings() {
    return timings;
  }

  /** The default stop timeout for services (the built-in one when the timings are bad). */
  Duration stopTimeoutOrDefault() {
    return timings == null ? Timings.DEFAULTS.stopTimeout() : timings.stopTimeout();
  }

  /**
   * Reports unsafe combinations: for the cluster under the key each rule names in {@code timings:},
   * and for each service whose own stop timeout is unsafe under its {@code stop_timeout} (the
   * renew_interval rule does not depend on it).
   */
  void checkSafety(List<ServiceEntry> services) {
    if (timings == null) {
      return;
    }
    for (Timings.Violation v : timings.violations(timings.stopTimeout())) {
      int line = section == null ? 0 : section.lineOf(v.key());
      root.problems().add("timings." + v.key(), line, v.message());
    }
    for (ServiceEntry e : services) {
      Duration own = e.ownStopTimeout();
      if (own == null || own.equals(timings.stopTimeout())) {
        continue;
      }
      for (Timings.Violation v : timings.violations(own)) {
        if (!v.key().equals("renew_interval")) {
          e.section().report("stop_timeout", "for this service, " + v.message());
        }
      }
    }
  }
}
