package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sfc.cli.Main;
import io.sfc.lb.LbConfigGenerator.Member;
import io.sfc.lb.LbConfigGenerator.Spec;
import io.sfc.lb.ProxyTlsSettings.Flag;
import io.sfc.lb.ProxyTlsSettings.VerifyMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LbConfigGeneratorTest {
  @TempDir Path dir;

  private Spec spec(boolean tls) {
    return new Spec(
        "prod",
        List.of(new Member("n1", "web1.example.com"), new Member("n2", "web2.example.com")),
        8080,
        8889,
        tls ? dir.resolve("ca.pem").toString() : null,
        true);
  }

  @Test
  void httpdConfigIsStrictAsReadBackByTheParser() throws Exception {
    Path conf = Files.writeString(dir.resolve("lb.conf"), LbConfigGenerator.httpd(spec(true)));
    List<LbMember> ms = HttpdConfigParser.parse(conf, dir);
    assertThat(ms)
        .extracting(m -> m.url().toString())
        .containsExactly("https://web1.example.com:8080", "https://web2.example.com:8080");
    ProxyTlsSettings s = ms.get(0).settings();
    assertThat(s.sslProxyEngine()).isTrue();
    assertThat(s.verify()).isEqualTo(VerifyMode.REQUIRE);
    assertThat(s.depth()).isEqualTo(2);
    assertThat(s.checkPeerName()).isEqualTo(Flag.ON);
    assertThat(s.preserveHost()).isFalse();
    assertThat(s.caFile()).isEqualTo(dir.resolve("ca.pem").toString());
  }

  @Test
  void realHttpdAcceptsTheGeneratedConfig() throws Exception {
    assumeTrue(Files.isExecutable(HttpdProcess.BINARY), "apache2 not installed");
    TestPki.writePem(dir.resolve("ca.pem"), TestPki.ca("Gen Root", null).cert());
    Files.writeString(dir.resolve("lb.conf"), LbConfigGenerator.httpd(spec(true)));
    StringBuilder main = new StringBuilder();
    for (String m :
        List.of(
            "mpm_event",
            "authz_core",
            "proxy",
            "proxy_http",
            "proxy_balancer",
            "lbmethod_byrequests",
            "slotmem_shm",
            "proxy_hcheck",
            "headers",
            "ssl")) {
      main.append("LoadModule ")
          .append(m)
          .append("_module /usr/lib/apache2/modules/mod_")
          .append(m)
          .append(".so\n");
    }
    main.append("ServerName localhost\nListen 127.0.0.1:8889\nErrorLog ")
        .append(dir.resolve("error_log"))
        .append("\nInclude lb.conf\n");
    Path conf = Files.writeString(dir.resolve("httpd.conf"), main);
    Process p =
        new ProcessBuilder(
                HttpdProcess.BINARY.toString(), "-t", "-d", dir.toString(), "-f", conf.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("Syntax OK");
  }

  @Test
  void haproxyConfigVerifiesChainAndHost() {
    String h = LbConfigGenerator.haproxy(spec(true));
    assertThat(h)
        .contains("option httpchk GET /")
        .contains("cookie SERVERID insert indirect nocache")
        .contains(
            "server n1 web1.example.com:8080 check cookie n1 ssl verify required ca-file "
                + dir.resolve("ca.pem")
                + " verifyhost web1.example.com");
    assertThat(LbConfigGenerator.haproxy(spec(false))).doesNotContain("ssl");
  }

  @Test
  void cliReadsTheSfcConfig() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("sfc.yaml"),
            String.join(
                "\n",
                "cluster: web",
                "nodes:",
                "  - {id: n1, host: m1.example.com}",
                "  - {id: n2, host: m2.example.com}",
                "metastore:",
                "  type: h2",
                "  path: " + dir.resolve("meta"),
                "services:",
                "  - name: scheduler",
                "    command: [/bin/true]",
                ""));
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("lb-config", "-c", cfg.toString(), "--kind", "httpd")).isZero();
    assertThat(out.toString())
        .contains("BalancerMember http://m1.example.com:8080 route=n1 hcmethod=GET hcuri=/")
        .contains("BalancerMember http://m2.example.com:8080 route=n2");
  }

  @Test
  void ipMembersAreFlaggedAndGetNoSni() {
    Spec s = new Spec("p", List.of(new Member("n1", "10.0.0.1")), 8080, 8889, "/ca.pem", false);
    assertThat(LbConfigGenerator.httpd(s)).contains("WARNING: 10.0.0.1 is an IP address");
    assertThat(LbConfigGenerator.haproxy(s)).contains("verifyhost 10.0.0.1").doesNotContain("sni");
  }
}
