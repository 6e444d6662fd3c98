package io.sfc.cli;

import io.sfc.config.ConfigException;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.NodeSpec;
import io.sfc.doctor.AirflowConsistency;
import io.sfc.doctor.ConfigFindings;
import io.sfc.doctor.DoctorJson;
import io.sfc.doctor.DoctorTable;
import io.sfc.doctor.Finding;
import io.sfc.doctor.LbMembers;
import io.sfc.doctor.MetastoreClock;
import io.sfc.doctor.NodeClocks;
import io.sfc.doctor.WebServers;
import io.sfc.lb.ChainFetcher;
import io.sfc.lb.LbChecker;
import io.sfc.lb.MemberReport;
import io.sfc.reader.Durations;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc doctor}: one table of cluster checks with PASS/WARN/FAIL and a fix per problem. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the configured cluster: the configuration and its timings, the metastore's clock"
          + " against this node's, other nodes' clocks (--node-url), web servers (--web), load"
          + " balancer members (--httpd-conf) and that all masters share the Airflow metadata"
          + " database and broker (--master-airflow-cfg). Exit code 5 when any check fails."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc doctor",
      "  sfc doctor --config /etc/sfc/sfc.yaml --web http://10.0.0.1:8080 --web http://10.0.0.2:8080",
      "  sfc doctor --httpd-conf /etc/apache2/apache2.conf --client-host airflow.example.com",
      "  sfc doctor --master-airflow-cfg m1=/etc/airflow/airflow.cfg --master-airflow-cfg m2=m2.cfg"
    })
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--node-url",
      paramLabel = "ID=URL",
      description =
          "A node's sfc HTTP API, e.g. master-2=http://10.0.0.2:7480 (repeatable). Default: every"
              + " other configured node at its host and api port.")
  Map<String, URI> nodeUrls = new LinkedHashMap<>();

  @Option(
      names = "--web",
      paramLabel = "URL",
      description = "A web server's health URL; GET / when it has no path (repeatable).")
  List<URI> web = new ArrayList<>();

  @Option(names = "--httpd-conf", paramLabel = "FILE", description = "The balancer's httpd.conf.")
  Path httpdConf;

  @Option(
      names = "--server-root",
      paramLabel = "DIR",
      description = "ServerRoot for relative Include paths (default: the httpd.conf's directory).")
  Path serverRoot;

  @picocli.CommandLine.Mixin HttpdStartOptions httpd = new HttpdStartOptions();

  @Option(
      names = "--client-host",
      paramLabel = "NAME",
      description = "Host name clients send; httpd checks it with ProxyPreserveHost On.")
  String clientHost;

  @Option(
      names = "--master-airflow-cfg",
      paramLabel = "ID=FILE",
      description = "One master's airflow.cfg, e.g. master-1=/tmp/m1/airflow.cfg (repeatable).")
  Map<String, Path> masters = new LinkedHashMap<>();

  @Option(
      names = "--json",
      description =
          "Print one JSON document (schema sfc-doctor/1, see docs/lb-check-json.md) instead of the"
              + " table.")
  boolean json;

  @Option(
      names = "--max-clock-offset",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "Largest acceptable clock offset (default: ${DEFAULT-VALUE}).")
  Duration maxOffset;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "Connect and read timeout per check (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /** Durations written as in the configuration: 500ms, 2s, 1m. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value);
    }
  }

  @Override
  public Integer call() {
    Clock clock = Clock.systemUTC();
    SfcConfig config = loadOrNull();
    List<Finding> findings = new ArrayList<>(configAndMetastore(config, clock));
    Map<String, URI> nodes = nodeUrls.isEmpty() && config != null ? apiUrls(config) : nodeUrls;
    findings.addAll(new NodeClocks(clock, maxOffset, timeout).check(nodes));
    findings.addAll(new WebServers(clock, timeout).check(web));
    List<MemberReport> lb = List.of();
    if (httpdConf != null) {
      Path conf = httpdConf.toAbsolutePath();
      LbChecker checker = new LbChecker(ChainFetcher::handshake, clock);
      Path root = serverRoot != null ? serverRoot : conf.getParent();
      LbMembers.Checked checked =
          new LbMembers(checker).run(conf, root, clientHost, httpd::toOptions);
      findings.addAll(checked.findings());
      lb = checked.reports();
    }
    if (!masters.isEmpty()) {
      findings.addAll(new AirflowConsistency(System.getenv()).check(masters));
    }
    int exit = DoctorTable.anyFailed(findings) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    PrintWriter out = new MaskingWriter(spec.commandLine().getOut());
    out.print(json ? DoctorJson.text(findings, lb, exit) + "\n" : DoctorTable.render(findings));
    out.flush();
    return exit;
  }

  private ConfigException configProblem;

  private SfcConfig loadOrNull() {
    try {
      return options.load(spec.commandLine().getErr());
    } catch (ConfigException e) {
      configProblem = e;
      return null;
    }
  }

  private String configSource() {
    try {
      return options.file().toString();
    } catch (ConfigException e) {
      return "(no configuration file)";
    }
  }

  /**
   * The HTTP API of every other configured node, from {@code api:} and {@code nodes[].api_port}.
   */
  private static Map<String, URI> apiUrls(SfcConfig config) {
    Map<String, URI> out = new LinkedHashMap<>();
    if (!config.api().enabled()) {
      return out;
    }
    String scheme = config.api().tls() == null ? "http" : "https";
    for (NodeSpec n : config.nodes()) {
      if (!n.id().equals(config.node())) {
        int port = config.api().portOf(n.id());
        out.put(n.id(), URI.create(scheme + "://" + n.host() + ":" + port));
      }
    }
    return out;
  }

  private List<Finding> configAndMetastore(SfcConfig config, Clock clock) {
    if (config == null) {
      return List.of(ConfigFindings.invalid(configSource(), configProblem.problems()));
    }
    List<Finding> out = new ArrayList<>(ConfigFindings.of(config));
    out.add(new MetastoreClock(clock, maxOffset, timeout).check(config));
    return out;
  }
}
