package io.sfc.cli;

import io.sfc.admin.AdminException;
import io.sfc.admin.MetastoreAdmin;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.ServiceSpec;
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

/** {@code sfc resume}: ends a maintenance pause. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Ends a maintenance pause: controllers start, restart and move services again. A cluster-wide"
          + " resume does not end a pause of a single service.",
      "",
      "Examples:",
      "  sfc resume -c sfc.yaml",
      "  sfc resume -c sfc.yaml --service scheduler"
    })
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "End the pause of this service (default: the cluster-wide pause).")
  String service;

  @Override
  public Integer call() throws Exception {
    return options.withAdmin(this::resume);
  }

  private int resume(SfcConfig config, Metastore ms, MetastoreAdmin admin)
      throws MetastoreException, AdminException {
    List<String> names = config.services().stream().map(ServiceSpec::name).toList();
    PauseReport.Outcome o =
        PauseReport.resume(ms.directives(), service, names, () -> admin.resume(service));
    PrintWriter out = spec.commandLine().getOut();
    out.println(o.message());
    out.flush();
    return o.changed() ? ExitCodes.OK : ExitCodes.REFUSED;
  }
}
