package io.sfc.cli;

import io.sfc.config.ConfigException;
import io.sfc.config.SfcConfig;
import io.sfc.lb.LbConfigGenerator;
import io.sfc.lb.LbConfigGenerator.Member;
import java.nio.file.Path;
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
      "  sfc lb-config --kind httpd --port 8080 --sticky"
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

  /** Balancer kinds. */
  enum Kind {
    HTTPD,
    HAPROXY
  }

  @Override
  public Integer call() throws ConfigException {
    SfcConfig c = options.load(spec.commandLine().getErr());
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
}
