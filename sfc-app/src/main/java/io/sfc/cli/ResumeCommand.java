package io.sfc.cli;

import io.sfc.admin.AdminException;
import io.sfc.admin.MetastoreAdmin;
import io.sfc.config.ConfigException;
import io.sfc.config.SfcConfig;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.daemon.Daemon;
import java.io.PrintWriter;
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
  public Integer call() throws ConfigException, MetastoreException, AdminException {
    SfcConfig config = options.load(spec.commandLine().getErr());
    try (Metastore ms = Daemon.openMetastore(config)) {
      MetastoreAdmin.system(config, ms).resume(service, Operator.name());
      PrintWriter out = spec.commandLine().getOut();
      out.printf("resumed %s%n", Operator.scope(service));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
