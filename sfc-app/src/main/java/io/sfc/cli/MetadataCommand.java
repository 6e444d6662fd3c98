package io.sfc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sfc.api.JsonViews;
import io.sfc.config.ConfigException;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.Directives;
import io.sfc.core.model.Event;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.daemon.Daemon;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      "Dumps what sfc keeps in the metastore for this cluster: each service's lease and",
      "directives (pause, pending switchover), every node's latest report, and recent events."
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
  record Dump(
      List<LeaseRecord> leases,
      Map<String, Directives> directives,
      List<MemberReport> members,
      List<Event> events) {}

  @Override
  public Integer call() throws ConfigException, MetastoreException, IOException {
    SfcConfig config = options.load(spec.commandLine().getErr());
    Dump d;
    try (Metastore ms = Daemon.openMetastore(config)) {
      d = read(config, ms, Math.max(0, events));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? json(d) : text(d));
    out.flush();
    return ExitCodes.OK;
  }

  static Dump read(SfcConfig config, Metastore ms, int limit) throws MetastoreException {
    List<LeaseRecord> leases = new ArrayList<>();
    Map<String, Directives> directives = new LinkedHashMap<>();
    for (ServiceSpec s : config.services()) {
      leases.add(ms.leases().read(s.name()));
      directives.put(s.name(), ms.directives().read(s.name()));
    }
    List<Event> recent = limit == 0 ? List.of() : ms.events().recent(limit);
    return new Dump(leases, directives, ms.members().members(), recent);
  }

  static String json(Dump d) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leases", d.leases().stream().map(MetadataCommand::lease).toList());
    List<Map<String, Object>> dirs = new ArrayList<>();
    d.directives().forEach((s, x) -> dirs.add(directive(s, x)));
    m.put("directives", dirs);
    m.put("members", d.members().stream().map(JsonViews::member).toList());
    m.put("events", d.events().stream().map(JsonViews::event).toList());
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    return mapper.writeValueAsString(m) + System.lineSeparator();
  }

  private static Map<String, Object> lease(LeaseRecord l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", l.service());
    m.putAll(JsonViews.lease(l));
    return m;
  }

  private static Map<String, Object> directive(String service, Directives d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", service);
    m.putAll(JsonViews.directives(d));
    return m;
  }

  static String text(Dump d) {
    StringBuilder b = new StringBuilder("Leases\n");
    d.leases().forEach(l -> b.append("  ").append(StatusTable.leaseLine(l)).append('\n'));
    b.append("Directives\n");
    d.directives().forEach((s, x) -> b.append("  ").append(s).append(": ").append(text(x)));
    b.append("Members\n");
    if (d.members().isEmpty()) {
      b.append("  none\n");
    }
    for (MemberReport r : d.members()) {
      b.append(
          String.format(
              "  %s/%s: %s %s epoch %d pid %d, %s ago: %s%n",
              r.node(),
              r.service(),
              r.role(),
              r.serviceState(),
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
              e.at(), e.node(), e.service(), e.kind(), e.epoch(), e.reason()));
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
