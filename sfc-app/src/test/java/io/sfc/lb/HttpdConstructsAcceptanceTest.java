package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sfc.lb.TestPki.Issued;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's constructs against a real httpd: ProxyPreserveHost in one {@code <Location>} only,
 * {@code <IfModule>} of a module that is not loaded, {@code <IfDefine>} false, and {@code Define} +
 * {@code ${VAR}} in a member URL and an SSLProxy* value. For each route, lb-check's verdict (parser
 * + fetch + evaluator, the production path) must equal httpd's status.
 */
class HttpdConstructsAcceptanceTest {
  private static final String CLIENT_HOST = "hue.example.test";

  @TempDir Path dir;

  @Test
  void perScopeConditionalAndVariablePredictionsMatchHttpd() throws Exception {
    assumeTrue(Files.isExecutable(HttpdProcess.BINARY), "Apache httpd (apache2) is not installed");
    Issued root = TestPki.ca("Constructs Root", null);
    Issued leaf = TestPki.leaf("CN=localhost", root, List.of("localhost"), List.of());
    Path rootPem = TestPki.writePem(dir.resolve("root.pem"), root.cert());
    try (TlsBackend backend = new TlsBackend("ok", leaf.keys().getPrivate(), leaf.cert())) {
      int port = FreePorts.next();
      Path conf = HttpdConf.write(dir, port, FreePorts.next(), "info", "", List.of());
      Files.writeString(dir.resolve("conf.d/balancers.conf"), site(port, backend.port(), rootPem));
      HttpdConfigParser.Result read =
          HttpdConfigParser.read(conf, dir, new HttpdOptions(Map.of(), Set.of(), Map.of()));
      LbChecker checker = new LbChecker(ChainFetcher::handshake, Clock.systemUTC());
      List<String> rows = new ArrayList<>();
      List<String> mismatches = new ArrayList<>();
      try (HttpdProcess httpd =
          new HttpdProcess(dir, conf, dir.resolve("error_log"), List.of(port, port))) {
        for (LbMember m : read.members()) {
          String path = m.route().split(" ")[0];
          MemberReport p = checker.check(m, CLIENT_HOST);
          int status = HttpdAcceptanceTest.get(port, path, CLIENT_HOST);
          int expected = p.verdict() == null ? -1 : p.verdict().status();
          String row = path + " predicted " + (p.pass() ? "PASS" : "FAIL") + " httpd " + status;
          rows.add(row + " " + m.context());
          if (status != expected || p.error() != null) {
            mismatches.add(row + " " + p + "\n" + httpd.newLogText());
          }
        }
      }
      rows.forEach(System.out::println);
      assertThat(read.members()).hasSize(4);
      assertThat(mismatches).isEmpty();
    }
  }

  @Test
  void sslProxyInsideLocationIsRefusedByHttpdAndByLbCheck() throws Exception {
    assumeTrue(Files.isExecutable(HttpdProcess.BINARY), "Apache httpd (apache2) is not installed");
    Path conf = HttpdConf.write(dir, FreePorts.next(), FreePorts.next(), "warn", "", List.of());
    Files.writeString(
        dir.resolve("conf.d/balancers.conf"),
        "<Location /x/>\n  SSLProxyVerify require\n</Location>\n");
    Process t =
        new ProcessBuilder(
                HttpdProcess.BINARY.toString(), "-t", "-d", dir.toString(), "-f", conf.toString())
            .redirectErrorStream(true)
            .start();
    String httpdSays = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(t.waitFor()).isNotZero();
    assertThat(httpdSays).contains("SSLProxyVerify not allowed in <Location> context");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> HttpdConfigParser.read(conf, dir, HttpdOptions.defaults())))
        .isInstanceOf(HttpdConfigException.class)
        .hasMessageContaining("balancers.conf:2")
        .hasMessageContaining("not allowed in <Location /x/>");
  }

  @Test
  void debiansStockTreeWithItsEnvvarsReadsWithoutError() throws Exception {
    Path stock = Path.of("/etc/apache2/apache2.conf");
    assumeTrue(Files.isReadable(stock), "Debian's /etc/apache2 is not installed");
    Map<String, String> env =
        Envvars.read(
            Path.of("/etc/apache2/envvars"),
            Path.of("/etc/apache2"),
            Map.of("PATH", "/usr/bin:/bin"));
    assertThat(env).containsEntry("APACHE_LOG_DIR", "/var/log/apache2");
    HttpdConfigParser.Result r =
        HttpdConfigParser.read(
            stock, Path.of("/etc/apache2"), new HttpdOptions(Map.of(), Set.of(), env));
    assertThat(r.warnings()).isEmpty();
  }

  /** One vhost: ProxyPreserveHost only under /x/; workarounds behind false conditions. */
  private static String site(int port, int backendPort, Path ca) {
    return "Define MEMBER localhost:"
        + backendPort
        + "\nDefine VERIFY require\n"
        + "<VirtualHost 127.0.0.1:"
        + port
        + ">\n"
        + "  SSLProxyEngine on\n"
        + "  SSLProxyVerify ${VERIFY}\n"
        + "  SSLProxyCACertificateFile "
        + ca
        + "\n"
        + "  <IfModule mod_proxy_hcheck.c>\n"
        + "    SSLProxyCheckPeerName off\n"
        + "  </IfModule>\n"
        + "  <IfDefine HUE_LB_INSECURE>\n"
        + "    SSLProxyCheckPeerCN off\n"
        + "    SSLProxyCheckPeerName off\n"
        + "  </IfDefine>\n"
        + "  <Proxy balancer://a>\n"
        + "    BalancerMember \"https://${MEMBER}\"\n"
        + "  </Proxy>\n"
        + "  <Location \"/x/\">\n"
        + "    ProxyPreserveHost On\n"
        + "  </Location>\n"
        + "  <Location /a/>\n"
        + "    ProxyPass balancer://a/\n"
        + "  </Location>\n"
        + "  ProxyPass /x/ balancer://a/\n"
        + "  ProxyPass /b/ balancer://a/\n"
        + "  <Location /b/deep/>\n"
        + "    ProxyPreserveHost On\n"
        + "  </Location>\n"
        + "</VirtualHost>\n";
  }
}
