package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfc.cli.ExitCodes;
import io.sfc.cli.Main;
import io.sfc.lb.TestPki.Issued;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sfc lb-check} as an operator runs it, against live loopback HTTPS backends. */
class LbCheckCliTest {
  @TempDir static Path dir;
  static Path rootPem;
  static TlsBackend good;
  static TlsBackend cnOnlyMatch;
  static TlsBackend ipSan;
  static TlsBackend viaIntermediate;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void backends() throws Exception {
    Issued root = TestPki.ca("Cli Root", null);
    Issued inter = TestPki.ca("Cli Intermediate", root);
    rootPem = TestPki.writePem(dir.resolve("root.pem"), root.cert());
    List<String> lh = List.of("localhost");
    Issued g = TestPki.leaf("CN=localhost", root, lh, List.of());
    good = new TlsBackend("good", g.keys().getPrivate(), g.cert());
    Issued c = TestPki.leaf("CN=localhost", root, List.of("other.example.test"), List.of());
    cnOnlyMatch = new TlsBackend("cn", c.keys().getPrivate(), c.cert());
    Issued ip = TestPki.leaf("CN=srv", root, List.of("srv.example.test"), List.of("127.0.0.1"));
    ipSan = new TlsBackend("ip", ip.keys().getPrivate(), ip.cert());
    Issued vi = TestPki.leaf("CN=localhost", inter, lh, List.of());
    viaIntermediate = new TlsBackend("vi", vi.keys().getPrivate(), vi.cert(), inter.cert());
  }

  @AfterAll
  static void stop() {
    List.of(good, cnOnlyMatch, ipSan, viaIntermediate).forEach(TlsBackend::close);
  }

  int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void httpdConfWithOneFailingMemberExplainsItAndExitsNonZero() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("lb.conf"),
            "SSLProxyEngine on\n"
                + "SSLProxyVerify require\n"
                + "SSLProxyCACertificateFile "
                + rootPem
                + "\n<Proxy balancer://web>\n"
                + "  BalancerMember https://localhost:"
                + good.port()
                + "\n  BalancerMember https://localhost:"
                + viaIntermediate.port()
                + "\n</Proxy>\nProxyPass / balancer://web/\n");
    assertThat(run("lb-check", "--httpd-conf", conf.toString())).isEqualTo(ExitCodes.CHECK_FAILED);
    System.out.print(out);
    assertThat(out.toString())
        .contains("PASS  main server  / -> balancer://web  https://localhost:" + good.port())
        .contains(
            "FAIL  main server  / -> balancer://web  https://localhost:" + viaIntermediate.port())
        .contains("SSLProxyVerifyDepth is 1 (the default)")
        .contains("[AH02040, AH01084, AH00898, AH01097]")
        .contains("would NOT help")
        .contains("raise SSLProxyVerifyDepth to 2");
  }

  @Test
  void allPassingExitsZero() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("ok.conf"),
            "SSLProxyEngine on\nProxyPass / https://localhost:" + good.port() + "/\n");
    assertThat(run("lb-check", "--httpd-conf", conf.toString())).isZero();
  }

  @Test
  void variablesComeFromDefineFlagsAndUndefinedOnesAreAClearError() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("vars.conf"),
            "SSLProxyEngine on\nSSLProxyCheckPeerCN ${CHECK}\n"
                + "<IfDefine LB_INSECURE>\n  SSLProxyCheckPeerCN off\n</IfDefine>\n"
                + "ProxyPass / https://localhost:"
                + cnOnlyMatch.port()
                + "/\n");
    assertThat(run("lb-check", "--httpd-conf", conf.toString())).isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString())
        .contains("vars.conf:2: SSLProxyCheckPeerCN uses ${CHECK}, which is not defined")
        .contains("--define")
        .doesNotContain("Exception");
    assertThat(run("lb-check", "--httpd-conf", conf.toString(), "--define", "CHECK=on")).isZero();
    assertThat(out.toString())
        .contains("setting: SSLProxyCheckPeerCN on from main server at " + conf + ":2");
    assertThat(
            run(
                "lb-check",
                "--httpd-conf",
                conf.toString(),
                "--define",
                "CHECK=on",
                "--define",
                "LB_INSECURE"))
        .isZero();
    assertThat(out.toString())
        .contains("SSLProxyCheckPeerCN off from main server at " + conf + ":4");
  }

  @Test
  void unreadableConfigIsAConfigError() {
    assertThat(run("lb-check", "--httpd-conf", dir.resolve("missing.conf").toString()))
        .isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString()).contains("cannot read");
  }

  @Test
  void httpdAndJavaDisagreeOnCnWhenSansExist() {
    String url = "https://localhost:" + cnOnlyMatch.port();
    assertThat(run("lb-check", "--url", url, "--ca", rootPem.toString())).isZero();
    assertThat(run("lb-check", "--url", url, "--ca", rootPem.toString(), "--client", "java"))
        .isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(out.toString()).contains("FAIL  java client");
  }

  @Test
  void httpdAndJavaDisagreeOnIpSans() {
    String url = "https://127.0.0.1:" + ipSan.port();
    assertThat(run("lb-check", "--url", url, "--ca", rootPem.toString()))
        .isEqualTo(ExitCodes.CHECK_FAILED);
    System.out.print(out);
    assertThat(out.toString()).contains("httpd ignores IP subjectAltNames");
    assertThat(run("lb-check", "--url", url, "--ca", rootPem.toString(), "--client", "java"))
        .isZero();
  }

  @Test
  void urlWithRaisedDepthPasses() {
    String url = "https://localhost:" + viaIntermediate.port();
    assertThat(run("lb-check", "--url", url, "--ca", rootPem.toString()))
        .isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run("lb-check", "--url", url, "--ca", rootPem.toString(), "--verify-depth", "2"))
        .isZero();
    assertThat(
            run("lb-check", "--url", url, "--ca", rootPem.toString(), "--name", "hue.example.test"))
        .isEqualTo(ExitCodes.CHECK_FAILED);
  }

  @Test
  void jsonOutputFollowsTheDocumentedSchema() throws Exception {
    int closed = FreePorts.next();
    Path conf =
        Files.writeString(
            dir.resolve("json.conf"),
            "SSLProxyEngine on\n"
                + "SSLProxyVerify require\n"
                + "SSLProxyCACertificateFile "
                + rootPem
                + "\n<Proxy balancer://web>\n"
                + "  BalancerMember https://localhost:"
                + good.port()
                + "\n  BalancerMember https://localhost:"
                + ipSan.port()
                + "\n  BalancerMember https://localhost:"
                + closed
                + " retry=30\n</Proxy>\nProxyPass / balancer://web/\n");

    int code = run("lb-check", "--httpd-conf", conf.toString(), "--json");

    assertThat(code).isEqualTo(ExitCodes.CHECK_FAILED);
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(doc.get("schema").asText()).isEqualTo("sfc-lb-check/1");
    assertThat(doc.get("exit_code").asInt()).isEqualTo(5);
    JsonNode members = doc.get("members");
    assertThat(members).hasSize(3);
    JsonNode pass = members.get(0);
    assertThat(pass.get("member").asText()).isEqualTo("https://localhost:" + good.port());
    assertThat(pass.get("verdict").asText()).isEqualTo("PASS");
    assertThat(pass.get("status").asInt()).isEqualTo(200);
    assertThat(pass.get("scope").asText()).isEqualTo("main server");
    assertThat(pass.get("route").asText()).isEqualTo("/ -> balancer://web");
    assertThat(pass.get("context").get(0).asText())
        .startsWith("SSLProxyEngine on from main server");
    JsonNode name = members.get(1);
    assertThat(name.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(name.get("status").asInt()).isEqualTo(500);
    assertThat(name.get("ah_codes").get("warn").toString())
        .isEqualTo("[\"AH01084\",\"AH00898\",\"AH01097\"]");
    assertThat(name.get("ah_codes").get("info").toString()).contains("\"AH02411\"");
    assertThat(name.get("workaround_helps").asBoolean()).isTrue();
    assertThat(name.get("causes").get(0).asText()).contains("matches neither a DNS subjectAltName");
    assertThat(name.get("fixes").get(0).asText()).contains("subjectAltName DNS:localhost");
    JsonNode refused = members.get(2);
    assertThat(refused.get("status").asInt()).isEqualTo(503);
    assertThat(refused.get("ah_codes").get("warn").toString())
        .isEqualTo("[\"AH00957\",\"AH00959\",\"AH01114\"]");
    assertThat(refused.get("effects").get(0).asText()).startsWith("retry=30: ");
    assertThat(refused.get("error").isNull()).isTrue();
  }

  @Test
  void jsonOutputOfAnUnreadableConfigurationNamesTheProblem() throws Exception {
    Path conf = Files.writeString(dir.resolve("bad-json.conf"), "SSLProxyVerify sometimes\n");

    int code = run("lb-check", "--httpd-conf", conf.toString(), "--json");

    assertThat(code).isEqualTo(ExitCodes.CONFIG);
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(doc.get("exit_code").asInt()).isEqualTo(3);
    assertThat(doc.get("error").asText()).contains("bad-json.conf:1");
    assertThat(doc.get("members")).isEmpty();
  }
}
