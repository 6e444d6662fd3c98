package io.sfc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.port.Metastore;
import io.sfc.demo.LocalCluster;
import io.sfc.runner.local.Ledger;
import io.sfc.runner.local.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real controller processes (the packaged jar) on loopback around a real metastore and the
 * stand-in service; faults are real signals. What ran when is read from the service's ledger, not
 * from what the controllers believe. Subclasses name the metastore: the {@code metastore:} section
 * of the controllers' configuration and the test's own connection to it.
 */
abstract class ClusterIT {
  static final List<String> NODES = List.of("a", "b", "c");
  static final long TTL_MS = 10_000;
  static final long RENEW_DEADLINE_MS = 6_000;
  static final long STOP_TIMEOUT_MS = 2_000;
  static final ObjectMapper JSON = new ObjectMapper();

  /** One client, so that polls reuse a kept-alive connection instead of filling the API's limit. */
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;
  final String clusterName = "it-" + UUID.randomUUID().toString().substring(0, 8);
  LocalCluster cluster;
  Metastore metastore;
  Path ledgerFile;
  Path alertsFile;
  final Map<String, Integer> apiPorts = new HashMap<>();

  /** The {@code metastore:} section (its indented lines) of the configuration of {@code node}. */
  abstract List<String> metastoreYaml(String node);

  /** A connection of the test's own to the metastore, to watch cluster {@code name}. */
  abstract Metastore openWatcher(String name) throws Exception;

  void startCluster() throws Exception {
    cluster = new LocalCluster(dir, System.getProperty("sfc.jar"));
    ledgerFile = dir.resolve("ledger.txt");
    alertsFile = dir.resolve("alerts.txt");
    metastore = openWatcher(clusterName);
    for (String node : NODES) {
      cluster.start(node, cluster.write(node + ".yaml", config(node)));
    }
  }

  private String config(String node) throws Exception {
    StringBuilder nodes = new StringBuilder();
    for (String n : NODES) {
      int api = apiPorts.computeIfAbsent(n, x -> freePort());
      nodes.append("  - {id: ").append(n).append(", host: 127.0.0.1, api_port: ");
      nodes.append(api).append("}\n");
    }
    List<String> lines = new ArrayList<>();
    lines.addAll(List.of("cluster: " + clusterName, "node: " + node, "nodes:", nodes.toString()));
    lines.add("metastore:");
    lines.addAll(metastoreYaml(node));
    lines.addAll(
        List.of(
            "services:",
            "  - name: scheduler",
            "    command: ['" + Scripts.path(Scripts.STANDIN) + "', '" + ledgerFile + "', '100']",
            "alerts:",
            "  commands:",
            "    on_role_change: [/bin/sh, -c, 'echo \"$SFC_ALERT_KIND $SFC_NODE\" >> "
                + dir.resolve("alerts.txt")
                + "']",
            ""));
    return String.join("\n", lines);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.stopAll(20_000);
    }
    if (metastore != null) {
      metastore.close();
    }
  }

  Ledger ledger() throws Exception {
    return Files.exists(ledgerFile) ? Ledger.read(ledgerFile) : Ledger.parse(List.of());
  }

  /** Waits for an instance with an epoch above {@code epoch} to have started. */
  Ledger.Interval awaitInstanceAbove(long epoch, Duration within) {
    return await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> ledger().intervals().stream().filter(i -> i.epoch() > epoch).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** What {@code sfc status} prints, run as a user runs it: the jar in its own JVM. */
  String statusOutput() throws Exception {
    return sfc("status");
  }

  /**
   * Runs {@code sfc <args> --config a.yaml} in its own JVM; its output; it must succeed. A run that
   * could not connect to the metastore (exit 4: a fresh JVM's etcd client missed its 2 s connect
   * bound on a loaded CI machine) is tried again, at most three times in all.
   */
  String sfc(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar", System.getProperty("sfc.jar")));
    command.addAll(List.of(args));
    command.addAll(List.of("--config", dir.resolve("a.yaml").toString()));
    for (int attempt = 1; ; attempt++) {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = p.waitFor();
      if (exit == 4 && attempt < 3 && out.contains("cannot open metastore")) {
        continue;
      }
      if (exit != 0) {
        out += diagnostics();
      }
      assertThat(exit).as(out).isZero();
      return out;
    }
  }

  /**
   * Waits until {@code condition} holds; when it does not within {@code within}, fails with {@code
   * what} and the {@link #diagnostics()} (a CI failure of the paused-cluster case left nothing to
   * explain it).
   */
  void explainIfNot(
      String what, Duration within, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(within).pollInterval(Duration.ofMillis(100)).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(what + ": not within " + within + diagnostics(), e);
    }
  }

  /**
   * What a failed step needs to be explained: the cluster's recent events as the metastore holds
   * them, the ledger and each controller's last log lines.
   */
  String diagnostics() {
    StringBuilder b = new StringBuilder("\n--- events (newest first) ---\n");
    try {
      metastore.events().recent(40).forEach(e -> b.append(e).append('\n'));
      b.append("--- ledger ---\n").append(ledger().intervals()).append('\n');
    } catch (Exception e) {
      b.append("unreadable: ").append(e).append('\n');
    }
    for (String node : NODES) {
      b.append("--- ").append(node).append(".log (last 30 lines) ---\n");
      b.append(tail(dir.resolve(node + ".log"), 30));
    }
    return b.toString();
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    } catch (IOException e) {
      return "unreadable: " + e + "\n";
    }
  }

  /** The ledger's interval of the instance with process id {@code pid}. */
  Ledger.Interval interval(long pid) throws Exception {
    return ledger().intervals().stream()
        .filter(i -> i.pid() == pid)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private boolean sawHeldBy(String node, String holder) {
    try {
      return member(node)
          .filter(m -> m.reason().startsWith("standby; lease held by " + holder))
          .isPresent();
    } catch (Exception e) {
      return false;
    }
  }

  Optional<MemberReport> member(String node) throws Exception {
    return metastore.members().members().stream().filter(m -> m.node().equals(node)).findFirst();
  }

  /**
   * The rows of {@code node} in {@code /api/status} of {@code witness} (what the dashboard renders)
   * that read RUNNING although stale or although another node holds the lease.
   */
  List<String> shownRunningThoughStale(String witness, String node) throws Exception {
    HttpResponse<String> r = get(witness, "/api/status");
    List<String> wrong = new ArrayList<>();
    for (JsonNode svc : JSON.readTree(r.body()).path("services")) {
      JsonNode lease = svc.path("lease");
      boolean heldByOther =
          !lease.path("free").asBoolean() && !node.equals(lease.path("holder").asText());
      for (JsonNode m : svc.path("members")) {
        boolean stale = m.path("stale").asBoolean() || m.path("ageMs").asLong() > 6_000;
        if (m.path("node").asText().equals(node)
            && m.path("state").asText().equals("RUNNING")
            && (stale || heldByOther)) {
          wrong.add(m.toString());
        }
      }
    }
    return wrong;
  }

  /**
   * Once another node runs the service, the killed holder's row reads role UNKNOWN, state ?, no
   * PID, in {@code sfc status}, {@code sfc status --json} and the dashboard's {@code /api/status}.
   */
  void assertKilledHolderShownAsUnknown(String node, long pid) throws Exception {
    String witness = NODES.stream().filter(n -> !n.equals(node)).findFirst().get();
    assertThat(shownRunningThoughStale(witness, node)).isEmpty();
    assertThat(statusOutput())
        .containsPattern("scheduler\\s+" + node + "\\s+UNKNOWN\\s+\\d+\\s+\\?\\s+-\\s")
        .doesNotContain(" " + pid + " ");
    String json = sfc("status", "--json");
    JsonNode root = JSON.readTree(json.substring(json.indexOf("{\n")));
    for (JsonNode svc : root.path("services")) {
      for (JsonNode m : svc.path("members")) {
        if (m.path("node").asText().equals(node)) {
          assertThat(m.path("state").asText()).as(m.toString()).isEqualTo("?");
          assertThat(m.path("role").asText()).as(m.toString()).isEqualTo("UNKNOWN");
          assertThat(m.path("pid").asLong()).as(m.toString()).isZero();
        }
      }
    }
  }

  HttpResponse<String> get(String node, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPorts.get(node) + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** What the controllers' {@code on_role_change} hook was run for: "KIND node" per line. */
  List<String> roleAlerts() throws IOException {
    return Files.exists(alertsFile) ? Files.readAllLines(alertsFile) : List.of();
  }

  /** The FAILOVER, HANDOVER or TOOK_OVER event {@code node} recorded, once it is in the log. */
  Event awaitTakeoverBy(String node) {
    Set<EventKind> takeovers = Set.of(EventKind.FAILOVER, EventKind.HANDOVER, EventKind.TOOK_OVER);
    try {
      return await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  metastore.events().recent(100).stream()
                      .filter(e -> e.node().equals(node) && takeovers.contains(e.kind()))
                      .findFirst(),
              Optional::isPresent)
          .orElseThrow();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no takeover event by " + node + " in " + eventsText(), e);
    }
  }

  private String eventsText() {
    try {
      StringBuilder b = new StringBuilder();
      for (Event e : metastore.events().recent(40)) {
        b.append('\n').append(e.node()).append(' ').append(e.kindName()).append(' ');
        b.append(e.reason());
      }
      return b.toString();
    } catch (Exception e) {
      return "(events unreadable: " + e + ")";
    }
  }

  /** The value of counter {@code name} of the scheduler on {@code node}'s {@code /metrics}. */
  double counter(String node, String name) throws Exception {
    HttpResponse<String> r = get(node, "/metrics");
    Matcher m =
        Pattern.compile("(?m)^" + name + "\\{[^}]*service=\"scheduler\"[^}]*} (\\S+)$")
            .matcher(r.body());
    assertThat(m.find()).as("%s in %s", name, r.body()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  void assertNoOverlap() throws Exception {
    Ledger l = ledger();
    assertThat(l.overlaps()).as("overlapping instances in %s", l.summary()).isEmpty();
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Something that takes the whole metastore away, or brings it back. */
  interface Outage {
    void set(boolean down) throws Exception;
  }

  /**
   * The metastore goes away for longer than {@code lease_ttl}: the leader's service must end by
   * {@code renew_deadline + stop_timeout} after the outage began; once the metastore is back,
   * exactly one node runs the service, and no two instances ever overlapped.
   */
  void checkMetastoreOutage(Outage outage) throws Exception {
    startCluster();
    Ledger.Interval first = awaitInstanceAbove(0, Duration.ofSeconds(60));
    long downAt = System.currentTimeMillis();
    outage.set(true);
    try {
      Ledger.Interval ended =
          await()
              .atMost(Duration.ofMillis(RENEW_DEADLINE_MS + STOP_TIMEOUT_MS + 5_000))
              .pollInterval(Duration.ofMillis(50))
              .until(() -> interval(first.pid()), i -> !alive(i.pid()));
      long stoppedAfter = ended.endMillis() - downAt;
      System.out.printf(
          "[%s] leader's service ended %d ms after the metastore went away%n",
          getClass().getSimpleName(), stoppedAfter);
      assertThat(stoppedAfter).isLessThanOrEqualTo(RENEW_DEADLINE_MS + STOP_TIMEOUT_MS);
      await()
          .atMost(Duration.ofMillis(2 * TTL_MS))
          .until(() -> System.currentTimeMillis() - downAt >= TTL_MS + 2_000);
    } finally {
      outage.set(false);
    }
    await()
        .atMost(Duration.ofMillis(3 * TTL_MS))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ledger().intervals().stream().filter(i -> alive(i.pid())).count() == 1);
    System.out.printf(
        "[%s] service running again %d ms after the metastore went away%n",
        getClass().getSimpleName(), System.currentTimeMillis() - downAt);
    assertNoOverlap();
  }

  @Test
  void killedLeaderIsReplacedWithinTtlPlusTwoSecondsWithoutOverlap() throws Exception {
    startCluster();
    Ledger.Interval first = awaitInstanceAbove(0, Duration.ofSeconds(60));
    assertThat(statusOutput())
        .containsPattern("scheduler\\s+" + first.node() + "\\s+LEADER\\s+" + first.epoch())
        .contains("lease scheduler: held by " + first.node());
    String witness = NODES.stream().filter(n -> !n.equals(first.node())).findFirst().get();
    List<String> misleading = new ArrayList<>();
    long killedAt = System.currentTimeMillis();
    cluster.signal(first.node(), "KILL");

    Ledger.Interval next =
        await()
            .atMost(Duration.ofMillis(TTL_MS + 5_000))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  misleading.addAll(shownRunningThoughStale(witness, first.node()));
                  return ledger().intervals().stream()
                      .filter(i -> i.epoch() > first.epoch())
                      .findFirst();
                },
                Optional::isPresent)
            .orElseThrow();
    long takeover = next.startMillis() - killedAt;
    System.out.printf("[%s] takeover after SIGKILL: %d ms%n", getClass().getSimpleName(), takeover);
    assertThat(next.node()).isNotEqualTo(first.node());
    assertThat(takeover).isLessThanOrEqualTo(TTL_MS + 2_000);
    assertThat(alive(first.pid())).as("old instance still alive").isFalse();
    assertNoOverlap();
    assertThat(misleading).as("/api/status of %s after the kill", witness).isEmpty();
    assertKilledHolderShownAsUnknown(first.node(), first.pid());
    Event failover = awaitTakeoverBy(next.node());
    assertThat(failover.kind()).as(failover.reason()).isEqualTo(EventKind.FAILOVER);
    assertThat(failover.reason()).startsWith("took over from " + first.node());
    assertThat(counter(next.node(), "sfc_failovers_total")).isEqualTo(1.0);
    assertThat(counter(next.node(), "sfc_handovers_total")).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> roleAlerts().contains("FAILOVER " + next.node()));
  }

  @Test
  void gracefullyStoppedLeaderHandsOverWithoutWaitingForTheTtl() throws Exception {
    startCluster();
    Ledger.Interval first = awaitInstanceAbove(0, Duration.ofSeconds(60));
    // every standby must have seen the lease held: one that starts after the release does a cold
    // start (no HANDOVER), as in the cold restart of a stopped cluster. A first report can come
    // before the node's first lease read, so wait for each standby to report whom it saw holding.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                NODES.stream()
                    .filter(n -> !n.equals(first.node()))
                    .allMatch(n -> sawHeldBy(n, first.node())));
    long termAt = System.currentTimeMillis();
    cluster.signal(first.node(), "TERM");

    Ledger.Interval next = awaitInstanceAbove(first.epoch(), Duration.ofMillis(TTL_MS));
    long handover = next.startMillis() - termAt;
    System.out.printf("[%s] handover after SIGTERM: %d ms%n", getClass().getSimpleName(), handover);
    assertThat(interval(first.pid()).stopped()).as("old instance stopped gracefully").isTrue();
    assertThat(handover).as("release, not expiry").isLessThan(TTL_MS / 2);
    assertThat(cluster.controller(first.node()).waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cluster.controller(first.node()).exitValue())
        .as("JVM exit after SIGTERM")
        .isEqualTo(143);
    assertNoOverlap();
    Event took = awaitTakeoverBy(next.node());
    assertThat(took.kind()).as(took.reason()).isEqualTo(EventKind.HANDOVER);
    assertThat(took.reason())
        .isEqualTo(
            "took over from %s at epoch %d after %s released it",
            first.node(), next.epoch(), first.node());
    assertThat(counter(next.node(), "sfc_failovers_total")).isZero();
    assertThat(counter(next.node(), "sfc_handovers_total")).isEqualTo(1.0);
    // a FAILOVER alert would follow the new holder's LEASE_ACQUIRED alert
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> roleAlerts().contains("LEASE_ACQUIRED " + next.node()));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> roleAlerts().stream().noneMatch(a -> a.startsWith("FAILOVER")));
    assertThat(metastore.events().recent(200))
        .extracting(Event::kind)
        .doesNotContain(EventKind.FAILOVER);
  }

  @Test
  void crashedServiceIsRestartedOnTheSameNodeAtOnce() throws Exception {
    startCluster();
    Ledger.Interval first = awaitInstanceAbove(0, Duration.ofSeconds(60));
    long killedAt = System.currentTimeMillis();
    new ProcessBuilder("kill", "-KILL", Long.toString(first.pid())).start().waitFor();

    Ledger.Interval next =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> ledger().intervals().stream().filter(i -> i.pid() != first.pid()).findFirst(),
                Optional::isPresent)
            .orElseThrow();
    System.out.printf(
        "[%s] service SIGKILL to restarted instance's first ledger line: %d ms%n",
        getClass().getSimpleName(), next.startMillis() - killedAt);
    assertThat(next.node()).isEqualTo(first.node());
    assertThat(next.epoch()).as("same lease, same epoch").isEqualTo(first.epoch());
    assertNoOverlap();
  }

  @Test
  void frozenLeaderIsFencedByItsWatchdogAndRejoinsAsStandby() throws Exception {
    startCluster();
    Ledger.Interval first = awaitInstanceAbove(0, Duration.ofSeconds(60));
    String frozen = first.node();
    long stoppedAt = System.currentTimeMillis();
    cluster.signal(frozen, "STOP");

    Ledger.Interval next = awaitInstanceAbove(first.epoch(), Duration.ofMillis(TTL_MS + 5_000));
    System.out.printf(
        "[%s] takeover after SIGSTOP: %d ms%n",
        getClass().getSimpleName(), next.startMillis() - stoppedAt);
    await()
        .atMost(Duration.ofMillis(3 * TTL_MS))
        .until(() -> System.currentTimeMillis() - stoppedAt >= 2 * TTL_MS);
    cluster.signal(frozen, "CONT");

    Ledger.Interval old = interval(first.pid());
    assertThat(old.endMillis())
        .as("frozen node's service ended before the new one started")
        .isLessThan(next.startMillis());
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                member(frozen)
                    .filter(m -> m.role() == Role.STANDBY)
                    .filter(m -> m.age().toMillis() < 3_000)
                    .isPresent());
    List<Event> events = metastore.events().recent(200);
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.node()).isEqualTo(frozen);
              assertThat(e.kind()).isIn(EventKind.SELF_FENCED, EventKind.LOST);
              assertThat(e.epoch()).isEqualTo(first.epoch());
            });
    assertThat(ledger().intervals())
        .as("the resumed node started nothing")
        .noneMatch(i -> i.node().equals(frozen) && i.startMillis() > stoppedAt);
    assertNoOverlap();
  }

  // ---- operator directives -----------------------------------------------------------------

  /**
   * Ten planned switchovers in a row through {@code sfc switchover}, each to the next node: every
   * one completes on its target under a newer epoch, no two instances overlap, and the measured
   * handoff times are printed (not asserted).
   */
  @Test
  void tenSwitchoversInARowMoveTheServiceWithoutOverlap() throws Exception {
    startCluster();
    Ledger.Interval current = awaitInstanceAbove(0, Duration.ofSeconds(60));
    List<Long> measured = new ArrayList<>();
    List<Long> gaps = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String target = NODES.get((NODES.indexOf(current.node()) + 1) % NODES.size());
      awaitHealthyStandby(target);
      String out = sfc("switchover", "--to", target, "--timeout", "30s");
      Matcher m = HANDOFF.matcher(out);
      assertThat(m.find()).as(out).isTrue();
      measured.add(Long.parseLong(m.group(1)));
      Ledger.Interval next = awaitInstanceAbove(current.epoch(), Duration.ofSeconds(10));
      assertThat(next.node()).isEqualTo(target);
      Ledger.Interval old = interval(current.pid());
      assertThat(old.stopped()).as("old instance stopped by TERM").isTrue();
      gaps.add(next.startMillis() - old.endMillis());
      current = next;
    }
    List<Long> sorted = measured.stream().sorted().toList();
    double median = (sorted.get(4) + sorted.get(5)) / 2.0;
    System.out.printf(
        "[%s] 10 switchovers, handoff ms (request to RUNNING on the target): %s; median %.1f ms%n",
        getClass().getSimpleName(), measured, median);
    System.out.printf(
        "[%s] ledger gaps, old instance's last line to new instance's first line (ms): %s%n",
        getClass().getSimpleName(), gaps);
    printLastHandoff();
    assertThat(metastore.directives().read("scheduler").switchover()).isNull();
    assertThat(metastore.events().recent(500))
        .extracting(Event::kind)
        .contains(EventKind.SWITCHOVER_REQUESTED, EventKind.HANDED_OFF, EventKind.TOOK_OVER);
    assertNoOverlap();
  }

  /** The events of the last switchover with their metastore times, to show where time goes. */
  private void printLastHandoff() throws Exception {
    List<Event> events = new ArrayList<>(metastore.events().recent(12));
    java.util.Collections.reverse(events);
    int from = 0;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).kind() == EventKind.SWITCHOVER_REQUESTED) {
        from = i;
      }
    }
    long t0 = events.get(from).at().toEpochMilli();
    for (Event e : events.subList(from, events.size())) {
      System.out.printf(
          "[%s]   +%4d ms %s %s %s%n",
          getClass().getSimpleName(), e.at().toEpochMilli() - t0, e.node(), e.kind(), e.reason());
    }
  }

  private static final Pattern HANDOFF =
      Pattern.compile("switchover of scheduler: \\S+ -> \\S+ at epoch \\d+ in (\\d+) ms");

  private void awaitHealthyStandby(String node) throws Exception {
    try {
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  member(node)
                      .filter(m -> m.role() == Role.STANDBY)
                      .filter(m -> m.age().toMillis() < TTL_MS / 2)
                      .filter(m -> m.reason().startsWith("standby; lease held by"))
                      .isPresent());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // say what the node reported instead, so that a failure here can be explained
      throw new AssertionError(
          node + " not a healthy standby within 15 s; members: " + metastore.members().members(),
          e);
    }
  }

  /**
   * While paused, a killed service stays down and every node reports the pause; after the resume
   * the holder starts it again.
   */
  @Test
  void pausedClusterDoesNotRestartAKilledServiceUntilResumed() throws Exception {
    startCluster();
    Ledger.Interval first = awaitInstanceAbove(0, Duration.ofSeconds(60));
    assertThat(sfc("pause")).contains("paused all services");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> NODES.stream().allMatch(this::reportsPaused));
    new ProcessBuilder("kill", "-KILL", Long.toString(first.pid())).start().waitFor();
    explainIfNot(
        "the holder reports its killed service as not restarted while paused",
        Duration.ofSeconds(10),
        () ->
            member(first.node())
                .filter(m -> m.reason().endsWith("not starting it while paused"))
                .isPresent());
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> ledger().intervals().stream().noneMatch(i -> i.pid() != first.pid()));
    String status = statusOutput();
    for (String node : NODES) {
      assertThat(status).containsPattern("scheduler\\s+" + node + "\\s+PAUSED");
    }
    assertThat(status).contains("PAUSED scheduler by ");
    long resumedAt = System.currentTimeMillis();
    assertThat(sfc("resume")).contains("resumed all services");

    Ledger.Interval next =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> ledger().intervals().stream().filter(i -> i.pid() != first.pid()).findFirst(),
                Optional::isPresent)
            .orElseThrow();
    System.out.printf(
        "[%s] service restarted %d ms after resume%n",
        getClass().getSimpleName(), next.startMillis() - resumedAt);
    assertThat(next.node()).isEqualTo(first.node());
    assertThat(metastore.events().recent(200))
        .extracting(Event::kind)
        .contains(EventKind.PAUSED, EventKind.CRASHED, EventKind.RESUMED);
    assertNoOverlap();
  }

  private boolean reportsPaused(String node) {
    try {
      return member(node).filter(m -> m.reason().startsWith("paused by ")).isPresent();
    } catch (Exception e) {
      return false;
    }
  }
}
