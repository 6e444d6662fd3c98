package io.sfc.cli;

import io.sfc.config.ConfigException;
import io.sfc.config.Durations;
import io.sfc.config.SfcConfig;
import io.sfc.doctor.AirflowConsistency;
import io.sfc.doctor.ConfigFindings;
import io.sfc.doctor.DoctorTable;
import io.sfc.doctor.Finding;
import io.sfc.doctor.LbMembers;
import io.sfc.doctor.MetastoreClock;
import io.sfc.doctor.NodeClocks;
import io.sfc.doctor.WebServers;
import io.sfc.lb.ChainFetcher;
import io.sfc.lb.LbChecker;
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
    })
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--node-url",
      paramLabel = "ID=URL",
      description = "A node's sfc HTTP API, e.g. master-2=http://10.0.0.2:7480 (repeatable).")
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
    List<Finding> findings = new ArrayList<>(configAndMetastore(clock));
    findings.addAll(new NodeClocks(clock, maxOffset, timeout).check(nodeUrls));
    findings.addAll(new WebServers(clock, timeout).check(web));
    if (httpdConf != null) {
      Path conf = httpdConf.toAbsolutePath();
      LbChecker checker = new LbChecker(ChainFetcher::fetch, clock);
      Path root = serverRoot != null ? serverRoot : conf.getParent();
      findings.addAll(new LbMembers(checker).check(conf, root, clientHost));
    }
    if (!masters.isEmpty()) {
      findings.addAll(new AirflowConsistency(System.getenv()).check(masters));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(DoctorTable.render(findings));
    out.flush();
    return DoctorTable.anyFailed(findings) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
  }

  private List<Finding> configAndMetastore(Clock clock) {
    SfcConfig config;
    try {
      config = options.load(spec.commandLine().getErr());
    } catch (ConfigException e) {
      return List.of(ConfigFindings.invalid(options.file().toString(), e.problems()));
    }
    List<Finding> out = new ArrayList<>(ConfigFindings.of(config));
    out.add(new MetastoreClock(clock, maxOffset, timeout).check(config));
    return out;
  }
}
