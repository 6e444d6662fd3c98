package io.sfc.bench;

import static org.awaitility.Awaitility.await;

import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Controller footprint with 1, 50 and 200 services configured (the stand-in, then {@code sleep}s):
 * RSS ({@code VmRSS}) and CPU ({@code utime + stime}) of each controller JVM from {@code /proc},
 * the metastore's statement count over the same window, and the loop's round durations as the
 * controller logs them every 60 s. The window runs from node a's first loop-statistics line to its
 * second; the loop numbers of every node are from its second line (the first covers start-up).
 */
final class Footprint {
  static final String LOOP_LINE = "controller loop, last 60 s:";

  private Footprint() {}

  static void measure(Backend backend, Path results) throws Exception {
    List<String> md = new ArrayList<>();
    md.add("## Footprint: " + backend.name());
    md.add("");
    md.add(
        "Statements: "
            + (backend.statementCounter().isEmpty()
                ? "not counted for this backend"
                : backend.statementCounter())
            + ".");
    md.add("");
    md.add(
        "| services | node | leases held | RSS MiB | CPU % of one core | loop rounds/60 s | loop"
            + " p50 ms | p90 ms | p99 ms | max ms | metastore statements/s per controller |");
    md.add("|---|---|---|---|---|---|---|---|---|---|---|");
    for (int n : services()) {
      md.addAll(oneOrWhyNot(backend, n));
      Files.write(
          results.resolve("footprint-" + backend.name() + ".md"), md, StandardCharsets.UTF_8);
    }
  }

  /** {@code bench.footprint.services}, default 1, 50 and 200. */
  private static List<Integer> services() {
    String list = System.getProperty("bench.footprint.services", "1,50,200");
    return Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }

  /** The rows of one configuration, or one row saying why the cluster never settled. */
  private static List<String> oneOrWhyNot(Backend backend, int services) throws Exception {
    Path dir = Files.createTempDirectory("sfc-footprint-" + backend.name() + "-" + services);
    try {
      return one(backend, services, dir);
    } catch (ConditionTimeoutException e) {
      return List.of(
          String.format("| %d | – | did not settle: %s | | | | | | | | |", services, churn(dir)));
    }
  }

  /** Self-fencing and failovers in the controllers' logs, and the longest loop round. */
  private static String churn(Path dir) throws IOException {
    long fenced = 0;
    long failovers = 0;
    for (String node : BenchCluster.NODES) {
      for (String line : Files.readAllLines(dir.resolve(node + ".log"), StandardCharsets.UTF_8)) {
        fenced += line.contains("event SELF_FENCED") ? 1 : 0;
        failovers += line.contains("event FAILOVER") ? 1 : 0;
      }
    }
    return fenced + " SELF_FENCED and " + failovers + " FAILOVER events in the controller logs";
  }

  private static List<String> one(Backend backend, int services, Path dir) throws Exception {
    try (BenchCluster c =
        new BenchCluster(backend, dir, new BenchCluster.Options(false, 0, services, false))) {
      c.start();
      c.awaitSteady(Duration.ofSeconds(120));
      awaitAllRunning(c, services);
      long t0 = awaitLoopLine(c, 0);
      Map<String, Long> cpu0 = cpuTicks(c);
      OptionalLong st0 = backend.statements();
      long t1 = awaitLoopLine(c, t0 + 1);
      Map<String, Long> cpu1 = cpuTicks(c);
      OptionalLong st1 = backend.statements();
      for (String node : BenchCluster.NODES) {
        await().atMost(Duration.ofSeconds(130)).until(() -> loopLines(c, node).size() >= 2);
      }
      return rows(c, services, t1 - t0, cpu0, cpu1, perController(st0, st1, t1 - t0));
    }
  }

  private static void awaitAllRunning(BenchCluster c, int services) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> runningServices(c) == services);
  }

  private static long runningServices(BenchCluster c) throws Exception {
    return c.watcher().members().members().stream()
        .filter(m -> m.role() == Role.LEADER && m.serviceState() == ServiceState.RUNNING)
        .map(MemberReport::service)
        .distinct()
        .count();
  }

  /** Waits for node a's next loop-statistics line at or after {@code since}; its time. */
  private static long awaitLoopLine(BenchCluster c, long since) {
    return await()
        .atMost(Duration.ofSeconds(130))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> ControllerLog.firstAfter(c.log("a"), since, LOOP_LINE), OptionalLong::isPresent)
        .getAsLong();
  }

  private static String perController(OptionalLong st0, OptionalLong st1, long windowMs) {
    if (st0.isEmpty() || st1.isEmpty()) {
      return "–";
    }
    double perSecond = (st1.getAsLong() - st0.getAsLong()) * 1000.0 / windowMs;
    return String.format("%.1f (all three: %.1f)", perSecond / 3, perSecond);
  }

  private static List<String> rows(
      BenchCluster c,
      int services,
      long windowMs,
      Map<String, Long> cpu0,
      Map<String, Long> cpu1,
      String statements)
      throws Exception {
    List<String> rows = new ArrayList<>();
    for (String node : BenchCluster.NODES) {
      long pid = c.controller(node).pid();
      double cpu = (cpu1.get(node) - cpu0.get(node)) * 10.0 * 100 / windowMs;
      rows.add(
          String.format(
              "| %d | %s | %d | %d | %.1f | %s | %s |",
              services,
              node,
              leasesHeld(c, node),
              rssKib(pid) / 1024,
              cpu,
              loopCells(c, node),
              statements));
    }
    return rows;
  }

  private static long leasesHeld(BenchCluster c, String node) throws Exception {
    return c.watcher().members().members().stream()
        .filter(m -> m.node().equals(node) && m.role() == Role.LEADER)
        .count();
  }

  private static List<String> loopLines(BenchCluster c, String node) throws IOException {
    return Files.readAllLines(c.log(node), StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains(LOOP_LINE))
        .toList();
  }

  /**
   * The second loop-statistics line of {@code node} (the first covers the start-up) as table cells.
   */
  private static String loopCells(BenchCluster c, String node) throws IOException {
    List<String> lines = loopLines(c, node);
    String last = lines.size() < 2 ? "" : lines.get(1);
    // "N rounds, duration p50 X ms, p90 X ms, p99 X ms, max X ms": N 50 X 90 X 99 X X
    String[] f =
        last.replaceAll(".*" + LOOP_LINE + " ", "").replaceAll("[^0-9. ]", "").trim().split("\\s+");
    return f.length < 8 ? "? | ? | ? | ? | ?" : String.join(" | ", f[0], f[2], f[4], f[6], f[7]);
  }

  /** utime + stime (clock ticks, 100 Hz) of each controller JVM. */
  private static Map<String, Long> cpuTicks(BenchCluster c) throws IOException {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String node : BenchCluster.NODES) {
      String stat =
          Files.readString(Path.of("/proc", Long.toString(c.controller(node).pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      m.put(node, Long.parseLong(f[11]) + Long.parseLong(f[12]));
    }
    return m;
  }

  private static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
