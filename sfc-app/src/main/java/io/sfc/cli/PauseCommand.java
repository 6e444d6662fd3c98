package io.sfc.cli;

import io.sfc.admin.AdminException;
import io.sfc.admin.MetastoreAdmin;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc pause}: maintenance mode for one service or the whole cluster. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description = {
      "Maintenance mode: every controller keeps and renews its lease and keeps reporting, but"
          + " starts, stops, restarts and moves nothing (a crashed service stays down) until"
          + " 'sfc resume'. Safety still wins: a holder that loses its lease stops its service.",
      "",
      "Examples:",
      "  sfc pause -c sfc.yaml                      # every service",
      "  sfc pause -c sfc.yaml --service scheduler"
    })
final class PauseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "Pause only this service (default: the whole cluster).")
  String service;

  @Override
  public Integer call() throws Exception {
    return options.withAdmin((config, ms, admin) -> pause(ms, admin));
  }

  private int pause(Metastore ms, MetastoreAdmin admin) throws MetastoreException, AdminException {
    String by = Operator.name();
    PauseReport.Outcome o =
        PauseReport.pause(ms.directives(), service, by, () -> admin.pause(service, by));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s: controllers start, stop and restart nothing until 'sfc resume'%n", o.message());
    out.flush();
    return ExitCodes.OK;
  }
}
