package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sfc.cli.ExitCodes;
import io.sfc.cli.Main;
import io.sfc.lb.TestPki.Issued;
import io.sfc.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sfc doctor} as an operator runs it: a real HTTP server (web server and another node's
 * API), live loopback HTTPS balancer members judged by lb-check's logic, real airflow.cfg files.
 */
class DoctorCliTest {
  @TempDir static Path dir;
  static Path rootPem;
  static TlsBackend good;
  static TlsBackend viaIntermediate;
  static HttpServer web;
  static String webUrl;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() throws Exception {
    Issued root = TestPki.ca("Doctor Root", null);
    Issued inter = TestPki.ca("Doctor Intermediate", root);
    rootPem = TestPki.writePem(dir.resolve("root.pem"), root.cert());
    Issued g = TestPki.leaf("CN=localhost", root, List.of("localhost"), List.of());
    good = new TlsBackend("good", g.keys().getPrivate(), g.cert());
    Issued vi = TestPki.leaf("CN=localhost", inter, List.of("localhost"), List.of());
    viaIntermediate = new TlsBackend("vi", vi.keys().getPrivate(), vi.cert(), inter.cert());
    web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    web.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    web.start();
    webUrl = "http://127.0.0.1:" + web.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    good.close();
    viaIntermediate.close();
    web.stop(0);
  }

  int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  static Path config(String name) throws Exception {
    return Files.writeString(
        dir.resolve(name),
        "cluster: doctor\n"
            + "node: m1\n"
            + "nodes: [{id: m1, host: 127.0.0.1}, {id: m2, host: 127.0.0.2}]\n"
            + "metastore: {type: jdbc, url: 'jdbc:mariadb://127.0.0.1:3306/"
            + TestDatabase.NAME
            + "', user: root}\n"
            + "services: [{name: scheduler, preset: airflow-scheduler}]\n");
  }

  static Path httpdConf(TlsBackend... members) throws Exception {
    StringBuilder conf =
        new StringBuilder(
            "SSLProxyEngine on\nSSLProxyVerify require\nSSLProxyCACertificateFile "
                + rootPem
                + "\n<Proxy balancer://web>\n");
    for (TlsBackend m : members) {
      conf.append("  BalancerMember https://localhost:").append(m.port()).append('\n');
    }
    conf.append("</Proxy>\nProxyPass / balancer://web/\n");
    return Files.writeString(dir.resolve("lb-" + members.length + ".conf"), conf.toString());
  }

  static Path airflowCfg(String name, String db) throws Exception {
    return Files.writeString(dir.resolve(name), "[database]\nsql_alchemy_conn = " + db + "\n");
  }

  @Test
  void aHealthyClusterPassesEveryCheck() throws Exception {
    String db = "mysql://airflow:hunter2@db/airflow";
    int code =
        run(
            "doctor",
            "-c",
            config("ok.yaml").toString(),
            "--node-url",
            "m2=" + webUrl,
            "--web",
            webUrl,
            "--httpd-conf",
            httpdConf(good).toString(),
            "--master-airflow-cfg",
            "m1=" + airflowCfg("m1.cfg", db),
            "--master-airflow-cfg",
            "m2=" + airflowCfg("m2.cfg", db));

    System.out.print(out);
    assertThat(code).as(out + "" + err).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("PASS  config")
        .contains("PASS  metastore clock")
        .contains("PASS  node clock")
        .contains("PASS  web server")
        .contains("PASS  lb member")
        .contains("PASS  airflow db url")
        .contains("6 passed, 0 warnings, 0 failed")
        .doesNotContain("hunter2");
  }

  @Test
  void failuresAreListedWithAFixAndExitNonZero() throws Exception {
    int code =
        run(
            "doctor",
            "-c",
            config("fail.yaml").toString(),
            "--httpd-conf",
            httpdConf(good, viaIntermediate).toString(),
            "--master-airflow-cfg",
            "m1=" + airflowCfg("a1.cfg", "postgresql://af:pw@pg1/airflow"),
            "--master-airflow-cfg",
            "m2=" + airflowCfg("a2.cfg", "postgresql://af:pw@pg2/airflow"));

    System.out.print(out);
    assertThat(code).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(out.toString())
        .contains("FAIL  lb member")
        .contains("SSLProxyVerifyDepth")
        .contains("FAIL  airflow db url")
        .contains("m1 = postgresql://af:***@pg1/airflow; m2 = postgresql://af:***@pg2/airflow")
        .contains("fix: use one value on every master");
  }

  @Test
  void anInvalidConfigurationIsAFailingRowAndTheOtherChecksStillRun() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "cluster: doctor\n");

    int code = run("doctor", "-c", bad.toString(), "--web", webUrl);

    System.out.print(out);
    assertThat(code).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(out.toString())
        .contains("FAIL  config")
        .contains("bad.yaml  nodes: missing; ")
        .contains("; metastore: missing")
        .contains("PASS  web server");
  }

  @Test
  void jsonOutputListsFindingsAndLbMembers() throws Exception {
    int code =
        run(
            "doctor",
            "-c",
            config("json.yaml").toString(),
            "--httpd-conf",
            httpdConf(good, viaIntermediate).toString(),
            "--json");

    assertThat(code).isEqualTo(ExitCodes.CHECK_FAILED);
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(doc.get("schema").asText()).isEqualTo("sfc-doctor/1");
    assertThat(doc.get("exit_code").asInt()).isEqualTo(5);
    List<String> checks = new java.util.ArrayList<>();
    doc.get("findings")
        .forEach(f -> checks.add(f.get("status").asText() + " " + f.get("check").asText()));
    assertThat(checks).contains("PASS config", "PASS lb member", "FAIL lb member");
    JsonNode members = doc.get("lb_members");
    assertThat(members).hasSize(2);
    assertThat(members.get(1).get("verdict").asText()).isEqualTo("FAIL");
    assertThat(members.get(1).get("status").asInt()).isEqualTo(500);
    assertThat(members.get(1).get("ah_codes").get("warn").toString()).contains("AH02040");
  }
}
