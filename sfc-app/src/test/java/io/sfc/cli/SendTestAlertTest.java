package io.sfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sfc.alert.HttpReceiver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sfc send-test-alert} against a real SMTP server, HTTP receiver and command hook. */
class SendTestAlertTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  HttpReceiver http;

  @BeforeEach
  void setUp() throws Exception {
    http = new HttpReceiver();
  }

  @AfterEach
  void tearDown() {
    http.close();
  }

  int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  Path config(String webhookUrl) throws Exception {
    Path hookOut = dir.resolve("hook.out");
    return Files.writeString(
        dir.resolve("sfc.yaml"),
        String.join(
            "\n",
            "cluster: prod",
            "node: n1",
            "nodes: [{id: n1, host: 127.0.0.1}]",
            "metastore: {type: h2, path: meta}",
            "services: [{name: scheduler, command: [/bin/true]}]",
            "alerts:",
            "  email:",
            "    host: 127.0.0.1",
            "    port: " + mail.getSmtp().getPort(),
            "    security: none",
            "    from: sfc@example.org",
            "    to: 'ops@example.org, oncall@example.org'",
            "  webhook: {url: '" + webhookUrl + "', format: slack, timeout: 2s}",
            "  commands:",
            "    on_failover: [sh, -c, 'echo \"$SFC_ALERT_KIND $SFC_CLUSTER\" > "
                + hookOut
                + "; cat >> "
                + hookOut
                + "']",
            ""));
  }

  @Test
  void sendsThroughEverySinkAndReportsEach() throws Exception {
    int code = run("send-test-alert", "--config", config(http.uri().toString()).toString());

    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString())
        .contains("email 127.0.0.1:" + mail.getSmtp().getPort() + ": ok")
        .contains(": ok\n")
        .contains("command on_failover: ok")
        .contains("3 of 3 sink(s) ok");
    assertThat(mail.getReceivedMessages()).hasSize(2);
    assertThat(mail.getReceivedMessages()[0].getSubject())
        .isEqualTo("[sfc] [prod] TEST on n1: test alert sent by sfc send-test-alert");
    assertThat(http.bodies())
        .containsExactly(
            "{\"text\":\"[prod] TEST on n1: test alert sent by sfc send-test-alert\"}");
    String hook = Files.readString(dir.resolve("hook.out"));
    assertThat(hook).startsWith("TEST prod\n{\"kind\":\"TEST\",\"cluster\":\"prod\"");
  }

  @Test
  void aFailingSinkIsReportedAndTheExitCodeIsNonZero() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    int code =
        run("send-test-alert", "--config", config("http://127.0.0.1:" + closed + "/x").toString());

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(out.toString())
        .contains("webhook 127.0.0.1:" + closed + ": FAILED: ")
        .contains("2 of 3 sink(s) ok");
    assertThat(mail.getReceivedMessages()).hasSize(2);
  }

  @Test
  void noSinksIsAFailure() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("plain.yaml"),
            "cluster: c\nnodes: [{id: n1, host: h}]\nmetastore: {type: h2, path: m}\n"
                + "services: [{name: s, command: [x]}]\n");
    assertThat(run("send-test-alert", "-c", cfg.toString())).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("no alert sinks configured");
  }
}
