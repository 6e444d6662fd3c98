package io.sfc.cli;

import io.sfc.config.RunnerSettings;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cluster table shown by {@code sfc status} and the demo: one row per service and node, then
 * one line per lease.
 */
record StatusTable(SfcConfig config, List<LeaseRecord> leases, List<MemberReport> members) {
  private static final String ROW = "%-12s %-10s %-9s %-6s %-9s %-8s %-10s %s%n";

  /** Reads one consistent-enough view: the leases, then the reports. */
  static StatusTable read(SfcConfig config, Metastore ms) throws MetastoreException {
    List<LeaseRecord> leases = new ArrayList<>();
    for (ServiceSpec s : config.services()) {
      leases.add(ms.leases().read(s.name()));
    }
    return new StatusTable(config, leases, ms.members().members());
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(ROW, "SERVICE", "NODE", "ROLE", "EPOCH", "STATE", "PID", "SEEN", "REASON"));
    for (ServiceSpec s : config.services()) {
      for (NodeSpec n : config.nodes()) {
        out.append(row(s.name(), n.id()));
      }
    }
    for (LeaseRecord l : leases) {
      out.append(leaseLine(l)).append('\n');
    }
    for (ServiceSpec s : config.services()) {
      out.append(placementNote(s.name()));
    }
    return out.toString();
  }

  /** A line for services that do not run locally under the shim; detached mode says its risk. */
  private String placementNote(String service) {
    RunnerSettings r = config.runnerOf(service);
    if (r.detached()) {
      return "note: "
          + service
          + " runs in detached mode"
          + (r.remote() ? " on the nodes over SSH" : "")
          + ": no watchdog outside the controller's JVM; only fencing stops it if a controller"
          + " dies or freezes\n";
    }
    return r.remote()
        ? "note: " + service + " runs on the nodes over SSH under the watchdog shim\n"
        : "";
  }

  private String row(String service, String node) {
    Optional<MemberReport> m =
        members.stream()
            .filter(r -> r.service().equals(service) && r.node().equals(node))
            .findFirst();
    if (m.isEmpty()) {
      return String.format(ROW, service, node, "-", "-", "-", "-", "never", "no report yet");
    }
    MemberReport r = m.get();
    boolean stale = r.age().compareTo(config.timings().leaseTtl()) > 0;
    return String.format(
        ROW,
        service,
        node,
        stale ? "UNKNOWN" : r.role(),
        r.epoch() == 0 ? "-" : String.valueOf(r.epoch()),
        r.serviceState(),
        r.pid() == 0 ? "-" : String.valueOf(r.pid()),
        seconds(r.age()) + " ago",
        stale ? "(stale) " + r.reason() : r.reason());
  }

  /** What the table says, without the ages and expiry times that change every second. */
  String fingerprint() {
    StringBuilder f = new StringBuilder();
    for (MemberReport m : members) {
      f.append(m.withAge(Duration.ZERO)).append('\n');
    }
    for (LeaseRecord l : leases) {
      f.append(l.holder()).append(' ').append(l.epoch()).append(' ').append(l.isFree());
    }
    return f.toString();
  }

  static String leaseLine(LeaseRecord l) {
    if (l.holder() == null) {
      return "lease " + l.service() + ": vacant";
    }
    if (l.isFree()) {
      return String.format(
          "lease %s: free (last holder %s, epoch %d, expired %s ago)",
          l.service(), l.holder(), l.epoch(), seconds(l.remaining().negated()));
    }
    return String.format(
        "lease %s: held by %s, epoch %d, expires in %s",
        l.service(), l.holder(), l.epoch(), seconds(l.remaining()));
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
