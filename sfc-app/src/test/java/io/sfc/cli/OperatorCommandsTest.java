package io.sfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfc.config.ConfigLoader;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.Metastore;
import io.sfc.metastore.factory.Metastores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code switchover}, {@code pause}, {@code resume}, {@code history} and {@code status --json}
 * against a real H2 metastore; the test plays the controllers by writing leases and reports.
 */
class OperatorCommandsTest {
  static final String SVC = "scheduler";
  static final Duration TTL = Duration.ofSeconds(10);

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  Path cfg;
  Metastore ms;

  @BeforeEach
  void setUp() throws Exception {
    cfg =
        Files.writeString(
            dir.resolve("sfc.yaml"),
            String.join(
                "\n",
                "cluster: ops-test",
                "nodes:",
                "  - {id: n1, host: 127.0.0.1}",
                "  - {id: n2, host: 127.0.0.1}",
                "metastore:",
                "  type: h2",
                "  path: " + dir.resolve("meta"),
                "services:",
                "  - name: scheduler",
                "    command: [/bin/true]",
                ""));
    ms = Metastores.open(ConfigLoader.load(cfg));
  }

  @AfterEach
  void tearDown() {
    ms.close();
  }

  int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--config";
    all[args.length + 1] = cfg.toString();
    return cl.execute(all);
  }

  Lease leader(String node) throws Exception {
    Lease l = ms.leases().tryAcquire(SVC, node, TTL).orElseThrow();
    report(node, Role.LEADER, l.epoch(), ServiceState.RUNNING, "leader");
    return l;
  }

  void report(String node, Role role, long epoch, ServiceState state, String reason)
      throws Exception {
    ms.members().report(new MemberReport(node, SVC, role, epoch, state, 7, reason, Duration.ZERO));
  }

  @Test
  void switchoverWithoutAHolderIsRefused() {
    assertThat(run("switchover", "--to", "n2")).isEqualTo(ExitCodes.REFUSED);
    assertThat(err.toString())
        .contains("refused: cannot switch over scheduler: no node holds its lease (vacant)");
  }

  @Test
  void switchoverToAnUnhealthyTargetIsRefused() throws Exception {
    leader("n1");
    report("n2", Role.COOLDOWN, 0, ServiceState.STOPPED, "cooling down after stepping down");

    assertThat(run("switchover")).isEqualTo(ExitCodes.REFUSED);
    assertThat(err.toString())
        .contains("no healthy standby for scheduler (held by n1): n2: it is COOLDOWN");
  }

  /** The file with scheduler restricted to n1 ({@code nodes: [n1]}). */
  void onlyOnN1() throws Exception {
    Files.writeString(cfg, Files.readString(cfg) + "    nodes: [n1]\n");
  }

  @Test
  void switchoverToANodeThatPlacementExcludesIsRefused() throws Exception {
    onlyOnN1();
    leader("n1");
    report("n2", Role.STANDBY, 0, ServiceState.STOPPED, "standby");

    assertThat(run("switchover", "--to", "n2")).isEqualTo(ExitCodes.REFUSED);
    assertThat(err.toString())
        .contains(
            "refused: n2 cannot take scheduler: not eligible: service scheduler runs only on n1");
    assertThat(run("switchover")).isEqualTo(ExitCodes.REFUSED);
    assertThat(err.toString())
        .contains(
            "no healthy standby for scheduler (held by n1): n2: not eligible: service scheduler"
                + " runs only on n1");
    assertThat(ms.directives().read(SVC).switchover()).isNull();
  }

  @Test
  void statusShowsANodeThatPlacementExcludesAsNotEligible() throws Exception {
    onlyOnN1();
    leader("n1");
    report("n2", Role.STANDBY, 0, ServiceState.STOPPED, "standby");

    assertThat(run("status")).isZero();
    assertThat(out.toString().lines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("scheduler")
                    .contains("n2")
                    .endsWith("(not eligible) standby"))
        .anySatisfy(l -> assertThat(l).contains("n1").endsWith("leader"));
    out.getBuffer().setLength(0);
    assertThat(run("status", "--json")).isZero();
    JsonNode members =
        new ObjectMapper().readTree(out.toString()).get("services").get(0).get("members");
    assertThat(members.get(0).get("placement").isNull()).isTrue();
    assertThat(members.get(1).get("placement").asText()).isEqualTo("not eligible");
  }

  @Test
  void switchoverNoWaitOnlyStoresTheRequest() throws Exception {
    Lease l = leader("n1");
    report("n2", Role.STANDBY, 0, ServiceState.STOPPED, "standby");

    assertThat(run("switchover", "--no-wait")).isZero();
    assertThat(out.toString())
        .isEqualTo("switchover of scheduler requested: n1 -> n2 (epoch " + l.epoch() + ")\n");
    Switchover sw = ms.directives().read(SVC).switchover();
    assertThat(sw.to()).isEqualTo("n2");
    assertThat(sw.requestedBy()).contains("@");
  }

  @Test
  void switchoverWaitsForTheTargetAndPrintsTheMeasuredTime() throws Exception {
    Lease l = leader("n1");
    report("n2", Role.STANDBY, 0, ServiceState.STOPPED, "standby");
    Thread controllers = new Thread(() -> playHandoff(l));
    controllers.start();

    int code = run("switchover", "--service", SVC, "--to", "n2", "--timeout", "20s");

    controllers.join();
    assertThat(code).as(err::toString).isZero();
    assertThat(out.toString())
        .containsPattern(
            "switchover of scheduler: n1 -> n2 at epoch " + (l.epoch() + 1) + " in \\d+ ms");
  }

  /** What the two controllers do: the holder hands off, the target takes over and starts. */
  private void playHandoff(Lease l) {
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (ms.directives().read(SVC).switchover() == null && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      ms.leases().release(l);
      Lease n2 = ms.leases().tryAcquire(SVC, "n2", TTL).orElseThrow();
      report("n2", Role.LEADER, n2.epoch(), ServiceState.RUNNING, "leader");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void switchoverThatDoesNotFinishInTimeExitsWithTheTimeoutCode() throws Exception {
    leader("n1");
    report("n2", Role.STANDBY, 0, ServiceState.STOPPED, "standby");

    assertThat(run("switchover", "--timeout", "300ms")).isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(err.toString()).contains("switchover of scheduler: not finished after");
  }

  @Test
  void badTimeoutIsAUsageError() {
    assertThat(run("switchover", "--timeout", "30")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--timeout").contains("no unit");
  }

  @Test
  void pauseShowsPausedOnEveryNodeUntilResume() throws Exception {
    leader("n1");
    report("n2", Role.STANDBY, 0, ServiceState.STOPPED, "standby");

    assertThat(run("pause")).isZero();
    assertThat(out.toString()).startsWith("paused all services (*) (by ");
    assertThat(ms.directives().read(SVC).paused()).isTrue();
    assertThat(run("status")).isZero();
    assertThat(out.toString())
        .containsPattern("scheduler\\s+n1\\s+PAUSED")
        .containsPattern("scheduler\\s+n2\\s+PAUSED")
        .contains("PAUSED scheduler by ");

    assertThat(run("resume")).isZero();
    assertThat(out.toString()).contains("resumed all services (*)");
    assertThat(ms.directives().read(SVC).paused()).isFalse();
  }

  @Test
  void pauseOfOneServiceAndUnknownService() throws Exception {
    assertThat(run("pause", "--service", SVC)).isZero();
    assertThat(out.toString()).startsWith("paused scheduler (by ");
    assertThat(run("resume", "--service", "nope")).isEqualTo(ExitCodes.REFUSED);
    assertThat(err.toString()).contains("unknown service 'nope'; configured services: scheduler");
    assertThat(ms.directives().read(SVC).paused()).isTrue();
  }

  @Test
  void resumeWhenNothingWasPausedSaysSoAndIsRefused() {
    assertThat(run("resume")).isEqualTo(ExitCodes.REFUSED);
    assertThat(out.toString()).contains("nothing to resume: the cluster was not paused (*)");
    assertThat(run("resume", "--service", SVC)).isEqualTo(ExitCodes.REFUSED);
    assertThat(out.toString()).contains("nothing to resume: scheduler was not paused");
  }

  @Test
  void clusterResumeNamesTheServicePauseThatRemains() throws Exception {
    ms.directives().pause(SVC, "ops");

    assertThat(run("resume")).isEqualTo(ExitCodes.REFUSED);
    assertThat(out.toString())
        .contains("nothing to resume: the cluster was not paused (*)")
        .contains("still paused on their own: scheduler (by ops)");

    ms.directives().pause("*", "lead");
    assertThat(run("resume")).isZero();
    assertThat(out.toString())
        .contains("resumed all services (*): ended the cluster-wide pause by lead")
        .contains("still paused on their own: scheduler (by ops)");
    assertThat(ms.directives().read(SVC).paused()).isTrue();
  }

  @Test
  void serviceResumeUnderAClusterPauseSaysThePauseRemains() throws Exception {
    ms.directives().pause("*", "lead");

    assertThat(run("resume", "--service", SVC)).isEqualTo(ExitCodes.REFUSED);
    assertThat(out.toString())
        .contains("scheduler stays paused: the cluster-wide pause (*) by lead remains in effect");

    assertThat(run("pause")).isZero();
    assertThat(out.toString()).contains("already paused all services (*) (by lead); still paused");
  }

  @Test
  void historyPrintsNewestFirstAsATableOrJson() throws Exception {
    ms.events().record(Event.of("n1", SVC, 3, EventKind.ACQUIRED, "acquired lease at epoch 3"));
    ms.events().record(Event.of("n2", "beat", 1, EventKind.STARTED, "service started, pid 9"));
    ms.events().record(Event.of("n1", SVC, 3, EventKind.HANDED_OFF, "handed off"));

    assertThat(run("history", "--limit", "2")).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).startsWith("AT").contains("KIND").contains("REASON");
    assertThat(lines[1]).contains("n1").contains("HANDED_OFF").contains("handed off");
    assertThat(lines[2]).contains("STARTED");
    assertThat(lines).hasSize(3);

    out.getBuffer().setLength(0);
    assertThat(run("history", "--service", SVC, "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("kind").asText()).isEqualTo("HANDED_OFF");
    assertThat(json.get(1).get("epoch").asLong()).isEqualTo(3);
    assertThat(json.get(1).get("at").asText()).contains("T");
  }

  /**
   * Issue 16: the old holder's stop, queued during its metastore outage, is written after the new
   * holder's start; history still shows it first (in time), says it was recorded late and shows
   * both times, in the table and in --json.
   */
  @Test
  void historyOrdersByWhenEventsHappenedAndMarksTheLateOnes() throws Exception {
    java.time.Instant now =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    java.time.Instant stoppedAt = now.minusSeconds(25);
    ms.events()
        .record(Event.of("n2", SVC, 4, EventKind.STARTED, "service started, pid 9").dated(now, 2));
    ms.events()
        .record(
            Event.of("n1", SVC, 3, EventKind.STOPPED, "killed by its watchdog")
                .dated(stoppedAt, 21_500));

    assertThat(run("history")).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(lines[1]).contains("n2").contains("STARTED").doesNotContain("recorded");
    assertThat(lines[2])
        .startsWith(stoppedAt.toString())
        .contains("STOPPED")
        .contains("killed by its watchdog [recorded late, 21.5s after, at ");

    out.getBuffer().setLength(0);
    assertThat(run("history", "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json).extracting(j -> j.get("kind").asText()).containsExactly("STARTED", "STOPPED");
    JsonNode stopped = json.get(1);
    assertThat(stopped.get("at").asText()).isEqualTo(stoppedAt.toString());
    assertThat(stopped.get("occurredAt").asText()).isEqualTo(stoppedAt.toString());
    assertThat(java.time.Instant.parse(stopped.get("recordedAt").asText()))
        .isAfter(now.minusSeconds(5));
    assertThat(stopped.get("delayMs").asLong()).isEqualTo(21_500);
    assertThat(stopped.get("late").asBoolean()).isTrue();
    assertThat(stopped.get("timesNote").asText()).startsWith("recorded late, 21.5s after, at ");
    assertThat(json.get(0).get("late").asBoolean()).isFalse();
    assertThat(json.get(0).get("timesNote").isNull()).isTrue();
  }

  @Test
  void statusJsonHasTheLeaseDirectivesAndReports() throws Exception {
    Lease l = leader("n1");
    ms.directives().pause(SVC, "ops");

    assertThat(run("status", "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("cluster").asText()).isEqualTo("ops-test");
    JsonNode s = json.get("services").get(0);
    assertThat(s.get("service").asText()).isEqualTo(SVC);
    assertThat(s.get("paused").asBoolean()).isTrue();
    assertThat(s.get("pausedBy").asText()).isEqualTo("ops");
    assertThat(s.get("lease").get("holder").asText()).isEqualTo("n1");
    assertThat(s.get("lease").get("epoch").asLong()).isEqualTo(l.epoch());
    assertThat(s.get("switchover").isNull()).isTrue();
    assertThat(s.get("members").get(0).get("state").asText()).isEqualTo("RUNNING");
  }
}
