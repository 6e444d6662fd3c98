package io.sfc.cli;

import io.sfc.config.SfcConfig;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sfc current-host}: the node that holds each service's lease, like the original
 * controller's {@code get_current_host} verb.
 */
@Command(
    name = "current-host",
    mixinStandardHelpOptions = true,
    description = {
      "Prints, per service, the node that holds its lease (and so runs it), from the metastore.",
      "A service whose lease is free prints 'none'."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc current-host",
      "  sfc current-host --config /etc/sfc/sfc.yaml",
      "  sfc current-host --airflow-cfg $AIRFLOW_HOME/airflow.cfg"
    })
final class CurrentHostCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    return options.withAdmin((config, ms, admin) -> currentHosts(config, ms));
  }

  private int currentHosts(SfcConfig config, Metastore ms) throws MetastoreException {
    PrintWriter out = spec.commandLine().getOut();
    for (ServiceSpec s : config.services()) {
      out.println(line(ms.leases().read(s.name()), config));
    }
    out.flush();
    return ExitCodes.OK;
  }

  static String line(LeaseRecord l, SfcConfig config) {
    if (l.isFree()) {
      return l.service() + ": none (" + StatusTable.leaseLine(l) + ")";
    }
    String host =
        config.nodes().stream()
            .filter(n -> n.id().equals(l.holder()))
            .map(n -> " on " + n.host())
            .findFirst()
            .orElse("");
    return String.format(
        "%s: %s%s (epoch %d, lease expires in %s)",
        l.service(), l.holder(), host, l.epoch(), StatusTable.seconds(l.remaining()));
  }
}
