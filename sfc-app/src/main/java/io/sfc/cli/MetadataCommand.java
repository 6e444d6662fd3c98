package io.sfc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfc.admin.AdminJson;
import io.sfc.admin.ClusterView;
import io.sfc.admin.EventTimes;
import io.sfc.admin.MetastoreAdmin;
import io.sfc.admin.ServiceView;
import io.sfc.core.model.Directives;
import io.sfc.core.model.Event;
import io.sfc.core.model.MemberReport;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc metadata}: every row sfc keeps in the metastore for this cluster. */
@Command(
    name = "metadata",
    mixinStandardHelpOptions = true,
    description = {
      "Dumps what sfc keeps in the metastore for this cluster: each service's lease and"
          + " directives (pause, pending switchover), every node's latest report, and recent"
          + " events."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc metadata",
      "  sfc metadata --events 100",
      "  sfc metadata --json | jq '.leases'"
    })
final class MetadataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "20",
      description = "How many recent events to show (default: ${DEFAULT-VALUE}).")
  int events;

  /** The rows, read once. */
  record Dump(ClusterView view, List<Event> events) {}

  @Override
  public Integer call() throws Exception {
    return options.withAdmin((config, ms, admin) -> print(dump(ms, admin)));
  }

  private Dump dump(Metastore ms, MetastoreAdmin admin) throws MetastoreException {
    return new Dump(admin.status(), events <= 0 ? List.of() : ms.events().recent(events));
  }

  private int print(Dump d) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? json(d) : text(d));
    out.flush();
    return ExitCodes.OK;
  }

  static String json(Dump d) {
    ObjectNode root = AdminJson.status(d.view());
    root.set("events", AdminJson.history(d.events()));
    return AdminJson.text(root) + System.lineSeparator();
  }

  static String text(Dump d) {
    List<ServiceView> services = d.view().services();
    StringBuilder b = new StringBuilder("Leases\n");
    services.forEach(s -> b.append("  ").append(StatusTable.leaseLine(s.lease())).append('\n'));
    b.append("Directives\n");
    services.forEach(
        s -> b.append("  ").append(s.service()).append(": ").append(text(s.directives())));
    b.append("Members\n");
    List<MemberReport> members = services.stream().flatMap(s -> s.members().stream()).toList();
    if (members.isEmpty()) {
      b.append("  none\n");
    }
    for (MemberReport r : members) {
      b.append(
          String.format(
              "  %s/%s: %s %s epoch %d pid %d, %s ago: %s%n",
              r.node(),
              r.service(),
              r.roleName(),
              r.stateName(),
              r.epoch(),
              r.pid(),
              StatusTable.seconds(r.age()),
              r.reason()));
    }
    b.append("Events (newest first)\n");
    for (Event e : d.events()) {
      b.append(
          String.format(
              "  %s %s %s %s epoch %d: %s%n",
              e.when(),
              e.node(),
              e.service(),
              e.kindName(),
              e.epoch(),
              EventTimes.reasonWithNote(e)));
    }
    return b.toString();
  }

  private static String text(Directives d) {
    String pause = d.paused() ? "paused by " + d.pausedBy() : "not paused";
    var s = d.switchover();
    String move =
        s == null
            ? "no switchover requested"
            : String.format(
                "switchover %s -> %s (epoch %d) requested by %s %s ago",
                s.from(), s.to(), s.epoch(), s.requestedBy(), StatusTable.seconds(s.age()));
    return pause + "; " + move + "\n";
  }
}
