package io.sfc.config;

import io.sfc.core.model.Timings;
import java.time.Duration;
import java.util.List;

/**
 * Reads the {@code timings:} section and applies the safety rule of {@link
 * Timings#violations(Duration)} to the default stop timeout and to every service's own one.
 */
final class TimingsBinder {

  static final List<String> KEYS =
      List.of("lease_ttl", "renew_interval", "renew_deadline", "stop_timeout", "safety_margin");

  private final Problems problems;
  private final Section section;
  private final Timings timings;

  private TimingsBinder(Problems problems, Section section, Timings timings) {
    this.problems = problems;
    this.section = section;
    this.timings = timings;
  }

  /** Reads the section; {@link #timings()} is null when a value was reported as bad. */
  static TimingsBinder bind(Section root) {
    Node node = root.get("timings");
    if (node == null) {
      return new TimingsBinder(root.problems(), null, Timings.DEFAULTS);
    }
    Section s = Section.of(node, root.problems(), KEYS);
    Timings d = Timings.DEFAULTS;
    int before = root.problems().count();
    Duration ttl = s.duration("lease_ttl", d.leaseTtl());
    Duration interval = s.duration("renew_interval", d.renewInterval());
    Duration deadline = s.duration("renew_deadline", d.renewDeadline());
    Duration stop = s.duration("stop_timeout", d.stopTimeout());
    Duration margin = s.duration("safety_margin", d.safetyMargin());
    if (root.problems().count() > before) {
      return new TimingsBinder(root.problems(), s, null);
    }
    return new TimingsBinder(
        root.problems(), s, new Timings(ttl, interval, deadline, stop, margin));
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
   * Reports unsafe combinations: for {@code timings.stop_timeout} under {@code
   * timings.renew_deadline} (or {@code timings.renew_interval}), and for each service whose own
   * stop timeout is unsafe under {@code services[i].stop_timeout}.
   */
  void checkSafety(ServicesBinder services) {
    if (timings == null) {
      return;
    }
    for (String v : timings.violations(timings.stopTimeout())) {
      String key = v.startsWith("renew_interval") ? "renew_interval" : "renew_deadline";
      report(key, v);
    }
    for (int i = 0; i < services.size(); i++) {
      checkService(services, i);
    }
  }

  private void checkService(ServicesBinder services, int i) {
    Duration own = services.ownStopTimeout(i);
    if (own == null || own.equals(timings.stopTimeout())) {
      return;
    }
    for (String v : timings.violations(own)) {
      if (!v.startsWith("renew_interval")) {
        services.report(i, "stop_timeout", "for this service, " + v);
      }
    }
  }

  private void report(String key, String message) {
    int line = section == null ? 0 : section.lineOf(key);
    problems.add("timings." + key, line, message);
  }
}
