package io.sfc.cli;

import io.sfc.admin.AdminJson;
import io.sfc.admin.EventTimes;
import io.sfc.admin.MetastoreAdmin;
import io.sfc.core.model.Event;
import io.sfc.core.port.MetastoreException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc history}: the cluster's event log, newest first by when the events happened. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the newest events of the cluster (acquisitions, starts, crashes, pauses,"
          + " switchovers), newest first by when they happened: when, node, service, epoch, kind"
          + " and reason. An event recorded late (written after a metastore outage) or whose"
          + " metastore time differs from when it happened by more than a second says so and"
          + " shows both times.",
      "",
      "Examples:",
      "  sfc history -c sfc.yaml --limit 50",
      "  sfc history -c sfc.yaml --service scheduler --json"
    })
final class HistoryCommand implements Callable<Integer> {
  /** How many events are read at most to find {@code --limit} events of one service. */
  private static final int SCAN = 1000;

  private static final String ROW = "%-24s %-12s %-12s %-6s %-21s %s%n";

  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "How many events to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "Only events of this service (among the newest " + SCAN + ").")
  String service;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return options.withAdmin((config, ms, admin) -> history(admin));
  }

  private int history(MetastoreAdmin admin) throws MetastoreException {
    List<Event> events = select(admin);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? AdminJson.text(AdminJson.history(events)) + "\n" : table(events));
    out.flush();
    return ExitCodes.OK;
  }

  private List<Event> select(MetastoreAdmin admin) throws MetastoreException {
    if (service == null) {
      return admin.history(limit);
    }
    return admin.history(Math.max(limit, SCAN)).stream()
        .filter(e -> e.service().equals(service))
        .limit(Math.max(0, limit))
        .toList();
  }

  private static String table(List<Event> events) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(ROW, "AT", "NODE", "SERVICE", "EPOCH", "KIND", "REASON"));
    for (Event e : events) {
      b.append(
          String.format(
              ROW,
              e.when(),
              e.node(),
              e.service(),
              e.epoch() == 0 ? "-" : String.valueOf(e.epoch()),
              e.kindName(),
              EventTimes.reasonWithNote(e)));
    }
    return b.toString();
  }
}
