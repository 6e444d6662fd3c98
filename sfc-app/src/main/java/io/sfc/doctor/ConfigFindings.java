package io.sfc.doctor;

import io.sfc.config.SfcConfig;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.Timings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Check (a): the configuration loads, and its timings keep the lease rule. */
public final class ConfigFindings {
  static final String CHECK = "config";

  private ConfigFindings() {}

  /** Findings for a configuration that loaded (the loader has rejected unsafe timings). */
  public static List<Finding> of(SfcConfig c) {
    List<Finding> out = new ArrayList<>();
    Timings t = c.timings();
    String services =
        c.services().stream().map(ConfigFindings::service).collect(Collectors.joining(", "));
    out.add(
        Finding.pass(
            CHECK,
            String.valueOf(c.source()),
            "valid; lease_ttl "
                + Timings.fmt(t.leaseTtl())
                + " > renew_deadline "
                + Timings.fmt(t.renewDeadline())
                + " + deadline_stop_timeout + safety_margin "
                + Timings.fmt(t.safetyMargin())
                + " for every service ("
                + services
                + ")"));
    if (c.nodes().size() < 2) {
      out.add(
          Finding.warn(
              CHECK,
              "nodes",
              "only one node: there is nowhere to fail over to",
              "list every master under nodes: and run sfc on each"));
    }
    return out;
  }

  private static String service(ServiceSpec s) {
    return s.name()
        + " deadline_stop_timeout "
        + Timings.fmt(s.deadlineStopTimeout())
        + ", stop_timeout "
        + Timings.fmt(s.stopTimeout());
  }

  /** Check (a) failed: the configuration did not load. */
  public static Finding invalid(String source, List<String> problems) {
    String prefix = source + ": ";
    String listed =
        problems.stream()
            .map(p -> p.startsWith(prefix) ? p.substring(prefix.length()) : p)
            .collect(Collectors.joining("; "));
    return Finding.fail(
        CHECK,
        source,
        listed,
        "correct the file as each message says; sfc start refuses it as it is");
  }
}
