package io.sfc.cli;

import io.sfc.admin.ClusterView;
import io.sfc.admin.MemberView;
import io.sfc.admin.MetastoreAdmin;
import io.sfc.admin.ServiceView;
import io.sfc.admin.StateSummary;
import io.sfc.config.RunnerSettings;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.Directives;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cluster table shown by {@code sfc status} and the demo: one row per service and node, then
 * one line per lease, pause and pending switchover.
 */
record StatusTable(SfcConfig config, ClusterView view) {
  private static final String ROW = "%-12s %-10s %-9s %-6s %-9s %-8s %-10s %s%n";

  /** Reads one consistent-enough view: per service the lease and directives, then the reports. */
  static StatusTable read(SfcConfig config, Metastore ms) throws MetastoreException {
    return new StatusTable(config, MetastoreAdmin.system(config, ms).status());
  }

  /**
   * The table. While a service is paused its ROLE column says PAUSED on every node; the node's own
   * reason says whether its controller has seen the pause yet.
   */
  String render() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(ROW, "SERVICE", "NODE", "ROLE", "EPOCH", "STATE", "PID", "SEEN", "REASON"));
    for (ServiceView s : view.services()) {
      for (NodeSpec n : config.nodes()) {
        out.append(row(s, n.id()));
      }
    }
    for (ServiceView s : view.services()) {
      out.append(leaseLine(s.lease())).append('\n');
      stateLine(s.service(), s.state()).ifPresent(l -> out.append(l).append('\n'));
      directiveLines(s, out);
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

  private String row(ServiceView s, String node) {
    Optional<MemberView> m =
        s.memberViews().stream().filter(r -> r.node().equals(node)).findFirst();
    String placement = s.placement(node);
    if (m.isEmpty()) {
      String none = placed(placement, "no report yet");
      return String.format(ROW, s.service(), node, "-", "-", "-", "-", "never", none);
    }
    MemberView r = m.get();
    return String.format(
        ROW,
        s.service(),
        node,
        r.role(),
        r.epoch() == 0 ? "-" : String.valueOf(r.epoch()),
        r.state(),
        r.pid() == 0 ? "-" : String.valueOf(r.pid()),
        seconds(r.age()) + " ago",
        placed(placement, r.note() == null ? r.reason() : "(" + r.note() + ") " + r.reason()));
  }

  /**
   * {@code reason}, led by the placement label ({@code not eligible}, {@code not a candidate}) of a
   * node that may never run the service, unless the node's own reason already says so.
   */
  private static String placed(String placement, String reason) {
    return placement == null || reason.startsWith(placement)
        ? reason
        : "(" + placement + ") " + reason;
  }

  /**
   * The stored state files of a service that has any: each stored copy with its age (on the
   * metastore's clock), epoch and size, newest first, and how many were never stored.
   */
  static Optional<String> stateLine(String service, StateSummary state) {
    if (!state.any()) {
      return Optional.empty();
    }
    List<String> parts =
        state.stored().stream()
            .sorted(Comparator.comparing(StateSummary.StoredFile::age))
            .map(
                f ->
                    String.format(
                        Locale.ROOT,
                        "%s stored %s ago at epoch %d (%d bytes)",
                        f.name(),
                        seconds(f.age()),
                        f.epoch(),
                        f.bytes()))
            .toList();
    int never = state.configured().size() - state.stored().size();
    String head = parts.isEmpty() ? "nothing stored yet" : String.join(", ", parts);
    String tail =
        never == 0 || parts.isEmpty()
            ? ""
            : "; " + never + " of " + state.configured().size() + " files never stored";
    return Optional.of("state " + service + ": " + head + tail);
  }

  private static void directiveLines(ServiceView s, StringBuilder out) {
    Directives d = s.directives();
    if (d.paused()) {
      out.append("PAUSED ").append(s.service()).append(" by ").append(d.pausedBy()).append('\n');
    }
    Switchover sw = d.switchover();
    if (sw != null) {
      out.append(
          String.format(
              "switchover %s: %s -> %s (epoch %d) requested by %s %s ago%n",
              s.service(), sw.from(), sw.to(), sw.epoch(), sw.requestedBy(), seconds(sw.age())));
    }
  }

  /** Every member report of every service. */
  List<MemberReport> members() {
    return view.services().stream().flatMap(s -> s.members().stream()).toList();
  }

  /** What the table says, without the ages and expiry times that change every second. */
  String fingerprint() {
    StringBuilder f = new StringBuilder();
    for (ServiceView s : view.services()) {
      for (MemberReport m : s.members()) {
        f.append(m.withAge(Duration.ZERO)).append('\n');
      }
      LeaseRecord l = s.lease();
      f.append(l.holder()).append(' ').append(l.epoch()).append(' ').append(l.isFree());
      f.append(' ').append(s.directives().paused()).append('\n');
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
