package io.sfc.cli;

import io.sfc.admin.AdminJson;
import io.sfc.config.SfcConfig;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc status}: the cluster table, read from the metastore. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Prints every node's role and service state, and each lease, from the metastore.",
    footerHeading = "%nExamples:%n",
    footer = {"  sfc status", "  sfc status --config /etc/sfc/sfc.yaml"})
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--json",
      description = "Print the cluster view as JSON (the shape of GET /api/status).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return options.withAdmin((config, ms, admin) -> status(config, ms));
  }

  private int status(SfcConfig config, Metastore ms) throws MetastoreException {
    PrintWriter out = spec.commandLine().getOut();
    StatusTable table = StatusTable.read(config, ms);
    out.print(json ? AdminJson.text(AdminJson.status(table.view())) + "\n" : table.render());
    out.flush();
    return ExitCodes.OK;
  }
}
