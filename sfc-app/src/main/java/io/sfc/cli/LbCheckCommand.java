package io.sfc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfc.lb.CaCertificates;
import io.sfc.lb.ChainFetcher;
import io.sfc.lb.HttpdConfigException;
import io.sfc.lb.HttpdConfigParser;
import io.sfc.lb.JavaClientCheck;
import io.sfc.lb.LbChecker;
import io.sfc.lb.LbMember;
import io.sfc.lb.LbReportJson;
import io.sfc.lb.MemberReport;
import io.sfc.lb.ProxyTlsSettings;
import io.sfc.lb.ProxyTlsSettings.VerifyMode;
import io.sfc.lb.ReportPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc lb-check}: predicts whether a load balancer's HTTPS members will be accepted. */
@Command(
    name = "lb-check",
    mixinStandardHelpOptions = true,
    description = {
      "Predicts, per HTTPS balancer member, whether Apache httpd 2.4's proxy (mod_ssl + OpenSSL)"
          + " accepts the member's certificate, why not, which error_log codes to expect, and"
          + " the proper fix. Exit code 5 when any member fails."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc lb-check --httpd-conf /etc/httpd/conf.d/balancer.conf",
      "  sfc lb-check --url https://master-1:8443 --ca /etc/pki/ca.pem"
    })
final class LbCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Target target;

  /** Either an httpd configuration or one URL. */
  static final class Target {
    @Option(names = "--httpd-conf", description = "httpd configuration file to read.")
    Path httpdConf;

    @Option(names = "--url", description = "One member, https://host:port.")
    URI url;
  }

  @picocli.CommandLine.Mixin HttpdStartOptions httpd = new HttpdStartOptions();

  @Option(
      names = "--server-root",
      description = "ServerRoot for relative Include paths (default: the config file's directory).")
  Path serverRoot;

  @Option(
      names = "--client-host",
      description = "Host name clients send; httpd checks it with ProxyPreserveHost On.")
  String clientHost;

  @Option(names = "--ca", description = "With --url: the CA file (as SSLProxyCACertificateFile).")
  Path ca;

  @Option(names = "--name", description = "With --url: the name to check (default: the URL host).")
  String name;

  @Option(names = "--verify-depth", description = "With --url: SSLProxyVerifyDepth (default 1).")
  Integer verifyDepth;

  @Option(
      names = "--json",
      description =
          "Print one JSON document (schema sfc-lb-check/1, see docs/lb-check-json.md) instead of"
              + " text.")
  boolean json;

  @Option(
      names = "--client",
      defaultValue = "httpd",
      description = "With --url: judge as httpd or as a java client (PKIX + RFC 2818).")
  Client client;

  /** Which client's rules to apply. */
  enum Client {
    HTTPD,
    JAVA
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (target.httpdConf != null) {
      return checkConfig(out);
    }
    return client == Client.JAVA ? checkJava(out) : checkUrl(out);
  }

  private int checkConfig(PrintWriter out) {
    Path conf = target.httpdConf.toAbsolutePath();
    List<LbMember> members;
    Path root = serverRoot != null ? serverRoot : conf.getParent();
    try {
      HttpdConfigParser.Result read = HttpdConfigParser.read(conf, root, httpd.toOptions(root));
      read.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
      members = read.members();
    } catch (HttpdConfigException e) {
      String problem = "cannot read the httpd configuration: " + e.getMessage();
      spec.commandLine().getErr().println(problem);
      if (json) {
        ObjectNode doc = LbReportJson.document(List.of(), ExitCodes.CONFIG);
        doc.put("error", problem);
        out.println(LbReportJson.text(doc));
        out.flush();
      }
      return ExitCodes.CONFIG;
    }
    if (members.isEmpty() && !json) {
      out.println("no ProxyPass or BalancerMember found in " + conf);
    }
    LbChecker checker = new LbChecker(ChainFetcher::handshake, Clock.systemUTC());
    return report(members.stream().map(m -> checker.check(m, clientHost)).toList(), out);
  }

  private int report(List<MemberReport> reports, PrintWriter out) {
    int exit =
        reports.stream().allMatch(MemberReport::pass) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    if (json) {
      out.println(LbReportJson.text(LbReportJson.document(reports, exit)));
    } else {
      reports.forEach(r -> ReportPrinter.print(r, out));
    }
    out.flush();
    return exit;
  }

  private int checkUrl(PrintWriter out) {
    ProxyTlsSettings d = ProxyTlsSettings.defaults();
    ProxyTlsSettings s =
        new ProxyTlsSettings(
            true,
            Optional.of(ca == null ? VerifyMode.NONE : VerifyMode.REQUIRE),
            Optional.ofNullable(verifyDepth),
            ca == null ? null : ca.toString(),
            null,
            d.checkPeerCn(),
            d.checkPeerName(),
            d.checkPeerExpire(),
            false);
    String header =
        "judging as httpd with SSLProxyVerify "
            + (ca == null ? "none (no --ca)" : "require, SSLProxyCACertificateFile " + ca)
            + ", SSLProxyVerifyDepth "
            + s.depth()
            + ", name checks at their defaults";
    if (!json) {
      out.println(header);
    }
    LbMember m = new LbMember("--url", "", target.url, s);
    MemberReport r =
        new LbChecker(ChainFetcher::handshake, Clock.systemUTC())
            .checkAs(m, name != null ? name : target.url.getHost());
    return report(List.of(r), out);
  }

  private int checkJava(PrintWriter out) throws IOException {
    if (json) {
      spec.commandLine().getErr().println("--json is not supported with --client java");
      return ExitCodes.USAGE;
    }
    String host = target.url.getHost();
    int port = target.url.getPort() > 0 ? target.url.getPort() : 443;
    String checked = name != null ? name : host;
    List<java.security.cert.X509Certificate> anchors =
        ca == null ? List.of() : CaCertificates.read(ca);
    JavaClientCheck.Result r = JavaClientCheck.check(host, port, checked, anchors);
    out.printf(
        "%s  java client  %s  (name checked: %s)%n",
        r.pass() ? "PASS" : "FAIL", target.url, checked);
    if (!r.pass()) {
      out.println("      cause: " + r.cause());
    }
    out.flush();
    return r.pass() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
