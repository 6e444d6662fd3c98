package io.sfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.check.TimingAdvice;
import io.sfc.config.ConfigLoader;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * check-config's warnings: timings that pass the safety rule but sit below sensible floors, and SSH
 * timeouts that cannot fit the timings they must fit. Warnings, not errors: the exit status is 0.
 */
class CheckConfigWarningsTest {
  @TempDir Path dir;

  static final String HEAD =
      String.join(
          "\n",
          "cluster: ops",
          "node: n1",
          "nodes: [{id: n1, host: 10.0.0.1}, {id: n2, host: 10.0.0.2, api_port: 7481}]",
          "metastore: {type: h2, path: meta}",
          "");

  static final String SERVICE = "services: [{name: s, command: [/bin/sleep, '600']}]\n";

  static List<String> warnings(String rest) throws Exception {
    return TimingAdvice.warnings(ConfigLoader.parse(HEAD + rest, Path.of("sfc.yaml"), Map.of()));
  }

  @Test
  void theDefaultsAndTheFastestDocumentedTimingsGiveNoWarning() throws Exception {
    assertThat(warnings(SERVICE)).isEmpty();
    assertThat(
            warnings(
                "timings: {lease_ttl: 3s, renew_interval: 300ms, renew_deadline: 1.5s,"
                    + " stop_timeout: 1s, safety_margin: 300ms}\n"
                    + "ssh: {user: af, key_file: /etc/sfc/id, connect_timeout: 700ms}\n"
                    + SERVICE))
        .isEmpty();
  }

  @Test
  void timingsBelowTheFloorsAreNamedWithTheirReason() throws Exception {
    List<String> w =
        warnings(
            "timings: {lease_ttl: 1.5s, renew_interval: 100ms, renew_deadline: 600ms,"
                + " stop_timeout: 200ms, safety_margin: 200ms}\n"
                + SERVICE);
    assertThat(w)
        .containsExactly(
            "timings.lease_ttl (1.5s) is below 2s: it is safe, but a metastore that answers a"
                + " little slowly, a GC pause or a busy host then makes the holder miss"
                + " renew_deadline and stop its service, a needless failover; use a lease_ttl of"
                + " at least 2s",
            "service s: stop_timeout (200ms) is below 1s: a planned stop (switchover, sfc stop,"
                + " restart) KILLs the service before most programs finish their shutdown; use at"
                + " least 1s (a planned stop is not bound by lease_ttl)",
            "service s: deadline_stop_timeout (200ms) is below 1s: when this node cannot renew its"
                + " lease the service is KILLed almost at once, with no time to end its work"
                + " cleanly; use at least 1s and keep renew_deadline + deadline_stop_timeout +"
                + " safety_margin below lease_ttl");
  }

  @Test
  void aShortDeadlineStopAloneIsNamedAndALongPlannedStopIsNot() throws Exception {
    assertThat(
            warnings(
                "services: [{name: s, command: [/bin/sleep, '600'], stop_timeout: 30s,"
                    + " deadline_stop_timeout: 500ms}]\n"))
        .singleElement()
        .asString()
        .startsWith("service s: deadline_stop_timeout (500ms) is below 1s");
  }

  @Test
  void sshTimeoutsThatCannotFitTheirTimingsAreNamedPerNode() throws Exception {
    List<String> w =
        warnings(
            "ssh: {user: af, key_file: /etc/sfc/id, connect_timeout: 6s, command_timeout: 2s}\n"
                + "services: [{name: s, command: [/bin/sleep, '600'], placement: remote}]\n");
    assertThat(w)
        .containsExactly(
            "node n1: ssh connect_timeout (6s) is not below timings.renew_deadline (6s): a start"
                + " on an unreachable host, and a fence of one, waits this long before it gives up,"
                + " so an unreachable target keeps the service down longer than a holder that"
                + " cannot renew waits before it stops (renew_deadline); use a connect_timeout of"
                + " at most half of renew_deadline, e.g. 3s",
            "node n1: ssh command_timeout (2s) is below the longest deadline_stop_timeout + 1s"
                + " (3s): a fence of n1 stops waiting before the fenced instance's deadline stop"
                + " can end, so the fence fails (and fencing: required refuses to start); use a"
                + " command_timeout of at least 3s",
            "node n2: ssh connect_timeout (6s) is not below timings.renew_deadline (6s): a start"
                + " on an unreachable host, and a fence of one, waits this long before it gives up,"
                + " so an unreachable target keeps the service down longer than a holder that"
                + " cannot renew waits before it stops (renew_deadline); use a connect_timeout of"
                + " at most half of renew_deadline, e.g. 3s",
            "node n2: ssh command_timeout (2s) is below the longest deadline_stop_timeout + 1s"
                + " (3s): a fence of n2 stops waiting before the fenced instance's deadline stop"
                + " can end, so the fence fails (and fencing: required refuses to start); use a"
                + " command_timeout of at least 3s");
  }

  @Test
  void sshTimeoutsAreNotJudgedWhenNothingUsesSsh() throws Exception {
    assertThat(
            warnings(
                "ssh: {user: af, key_file: /etc/sfc/id, connect_timeout: 6s, command_timeout: 2s}\n"
                    + "services: [{name: s, command: [/bin/sleep, '600'], fencing: off}]\n"))
        .isEmpty();
  }

  @Test
  void checkConfigPrintsTheWarningsAndStillExitsZero() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("fast.yaml"),
            HEAD
                + "timings: {lease_ttl: 1.5s, renew_interval: 100ms, renew_deadline: 600ms,"
                + " stop_timeout: 200ms, safety_margin: 200ms}\n"
                + SERVICE);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new ByteArrayInputStream(new byte[0]), List.of());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));

    assertThat(cl.execute("check-config", "--config", cfg.toString())).as(err.toString()).isZero();

    assertThat(out.toString())
        .contains("configuration OK: " + cfg)
        .contains("warning    timings.lease_ttl (1.5s) is below 2s")
        .contains("warning    service s: stop_timeout (200ms) is below 1s")
        .contains("warning    service s: deadline_stop_timeout (200ms) is below 1s");
  }
}
