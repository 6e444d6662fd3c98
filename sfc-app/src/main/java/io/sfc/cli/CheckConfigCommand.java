package io.sfc.cli;

import io.sfc.alert.sinks.AlertSinks;
import io.sfc.api.config.ApiConfig;
import io.sfc.check.Programs;
import io.sfc.check.TimingAdvice;
import io.sfc.config.ConfigException;
import io.sfc.config.HealthConfig;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.Timings;
import io.sfc.core.port.AlertSink;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.factory.Metastores;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc check-config}: loads and validates the configuration, prints what it means. */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = {
      "Loads and validates the configuration and prints a summary of the cluster, nodes,"
          + " services, timings, alerts and API.",
      "Touches neither the metastore nor any service, unless --connect is given.",
      "Exits with 3 and one line per problem when the configuration is invalid; with"
          + " --connect, with 4 and the cause when the metastore is unreachable or rejects sfc."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc check-config",
      "  sfc check-config --config /etc/sfc/sfc.yaml --node master-2",
      "  sfc check-config --airflow-cfg $AIRFLOW_HOME/airflow.cfg",
      "  sfc check-config --connect"
    })
final class CheckConfigCommand implements Callable<Integer> {
  private static final String ROW = "%-10s %s%n";

  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--connect",
      description =
          "Also open the metastore once (and create or upgrade its schema, as start does);"
              + " exit 4 with the cause when it is unreachable or rejects sfc.")
  boolean connect;

  @Override
  public Integer call() throws ConfigException {
    SfcConfig c = options.load(spec.commandLine().getErr());
    List<String> programs = Programs.localProblems(c, options.file(), System.getenv("PATH"));
    if (!programs.isEmpty()) {
      throw new ConfigException(programs);
    }
    PrintWriter out = new MaskingWriter(spec.commandLine().getOut());
    out.println("configuration OK: " + options.file());
    out.printf(ROW, "cluster", c.cluster());
    out.printf(ROW, "node", c.node() == null ? "not set (give --node when starting)" : c.node());
    out.printf(ROW, "metastore", c.metastore().summary());
    out.printf(ROW, "nodes", nodes(c));
    out.printf(ROW, "timings", c.timings().describe());
    for (ServiceSpec s : c.services()) {
      out.printf(ROW, "service", service(s, c.healthOf(s.name())));
    }
    out.printf(ROW, "alerts", alerts(AlertSinks.of(c.alerts())));
    out.printf(ROW, "api", api(c.api(), c.node()));
    if (c.api().exposureWarning() != null) {
      out.printf(ROW, "warning", c.api().exposureWarning());
    }
    for (ServiceSpec s : c.services()) {
      String w = programWarning(s, c.runnerOf(s.name()).remote());
      if (w != null) {
        out.printf(ROW, "warning", w);
      }
    }
    for (String w : TimingAdvice.warnings(c)) {
      out.printf(ROW, "warning", w);
    }
    out.flush();
    return connect ? connect(c, out) : ExitCodes.OK;
  }

  /**
   * A warning when a remote service's program is not found on this machine: it runs on its node's
   * host, which this cannot see (a local one's is an error, see {@link Programs#localProblems}).
   */
  static String programWarning(ServiceSpec s, boolean remote) {
    String problem = remote ? Programs.problem(s, System.getenv("PATH")) : null;
    return problem == null
        ? null
        : problem + " (checked on this machine only; the service runs on its node's host)";
  }

  private int connect(SfcConfig c, PrintWriter out) {
    try (Metastore ms = Metastores.open(c)) {
      out.printf(ROW, "connected", ms.describe());
      out.flush();
      return ExitCodes.OK;
    } catch (MetastoreException e) {
      spec.commandLine().getErr().println(MetastoreProblem.describe(e));
      spec.commandLine().getErr().flush();
      return ExitCodes.METASTORE;
    }
  }

  private static String nodes(SfcConfig c) {
    return c.nodes().size()
        + ": "
        + c.nodes().stream().map(CheckConfigCommand::node).collect(Collectors.joining(", "));
  }

  private static String node(NodeSpec n) {
    return n.id() + " (" + n.host() + (n.candidate() ? "" : ", candidate: false") + ")";
  }

  private static String service(ServiceSpec s, List<HealthConfig> health) {
    String checks =
        health.isEmpty()
            ? "no health checks"
            : "health: "
                + health.stream()
                    .map(h -> h.type() + " '" + h.spec().name() + "'")
                    .collect(Collectors.joining(", "));
    return String.format(
        "%s: %s (stop %s, timeout %s, at the deadline %s; %s%s)",
        s.name(),
        String.join(" ", s.command()),
        s.stopSignal(),
        Timings.fmt(s.stopTimeout()),
        Timings.fmt(s.deadlineStopTimeout()),
        checks,
        s.nodes().isEmpty() ? "" : "; runs only on " + String.join(", ", s.nodes()));
  }

  private static String alerts(List<AlertSink> sinks) {
    return sinks.isEmpty()
        ? "none (events are only logged)"
        : sinks.stream().map(AlertSink::name).collect(Collectors.joining(", "));
  }

  private static String api(ApiConfig a, String node) {
    if (!a.enabled()) {
      return "disabled";
    }
    String scheme = a.tls() == null ? "http" : "https";
    String port = node == null ? a.port() + " (default)" : Integer.toString(a.portOf(node));
    return scheme
        + "://"
        + a.bind()
        + ":"
        + port
        + "/; writes "
        + (a.hasToken() ? "need the bearer token" : "disabled (no api.token)");
  }
}
