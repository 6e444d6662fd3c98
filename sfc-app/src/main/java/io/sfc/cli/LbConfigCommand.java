package io.sfc.cli;

import io.sfc.config.ConfigException;
import io.sfc.config.SfcConfig;
import io.sfc.lb.LbConfigGenerator;
import io.sfc.lb.LbConfigGenerator.ActiveMember;
import io.sfc.lb.LbConfigGenerator.ActiveSpec;
import io.sfc.lb.LbConfigGenerator.Member;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc lb-config}: a balancer configuration for the cluster's web servers. */
@Command(
    name = "lb-config",
    mixinStandardHelpOptions = true,
    description =
        "Prints an Apache httpd or HAProxy balancer configuration over the web servers on every"
            + " master node of the sfc configuration, with a GET / health check and strict"
            + " backend TLS when --ca is given.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc lb-config --kind haproxy --port 8443 --ca /etc/pki/ca.pem",
      "  sfc lb-config --kind httpd --port 8080 --sticky",
      "  sfc lb-config --kind haproxy --active scheduler --port 8793"
    })
final class LbConfigCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(names = "--kind", required = true, description = "httpd or haproxy.")
  Kind kind;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Web servers' port (default 8080).")
  int port;

  @Option(names = "--listen", defaultValue = "8889", description = "Balancer port (default 8889).")
  int listen;

  @Option(
      names = "--ca",
      description = "CA file for backend TLS; without it the members are plain http.")
  Path ca;

  @Option(names = "--sticky", description = "Sticky sessions (Hue needs them).")
  boolean sticky;

  @Option(
      names = "--active",
      paramLabel = "SERVICE",
      description =
          "Route only to the node running SERVICE, checked with GET /active on each node's sfc"
              + " API (haproxy only: httpd's health checks cannot use another port).")
  String active;

  /** Balancer kinds. */
  enum Kind {
    HTTPD,
    HAPROXY
  }

  @Override
  public Integer call() throws ConfigException {
    SfcConfig c = options.load(spec.commandLine().getErr());
    if (active != null) {
      return active(c);
    }
    LbConfigGenerator.Spec s =
        new LbConfigGenerator.Spec(
            c.cluster(),
            c.nodes().stream().map(n -> new Member(n.id(), n.host())).toList(),
            port,
            listen,
            ca == null ? null : ca.toAbsolutePath().toString(),
            sticky);
    spec.commandLine()
        .getOut()
        .print(kind == Kind.HTTPD ? LbConfigGenerator.httpd(s) : LbConfigGenerator.haproxy(s));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private int active(SfcConfig c) {
    PrintWriter err = spec.commandLine().getErr();
    if (kind == Kind.HTTPD) {
      err.println(
          "--active needs --kind haproxy: httpd's health checks (mod_proxy_hcheck) always probe"
              + " the member's own port, not the sfc API's");
      return ExitCodes.USAGE;
    }
    if (c.services().stream().noneMatch(s -> s.name().equals(active))) {
      err.println("--active " + active + ": no such service in " + c.source());
      return ExitCodes.USAGE;
    }
    if (!c.api().enabled()) {
      err.println("--active needs the sfc API, but api.enabled is false in " + c.source());
      return ExitCodes.USAGE;
    }
    List<ActiveMember> members =
        c.nodes().stream()
            .map(n -> new ActiveMember(n.id(), n.host(), c.api().portOf(n.id())))
            .toList();
    String caFile = ca == null ? null : ca.toAbsolutePath().toString();
    boolean tls = c.api().tls() != null;
    var s = new ActiveSpec(c.cluster(), active, members, port, listen, tls, caFile);
    spec.commandLine().getOut().print(LbConfigGenerator.haproxyActive(s));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
