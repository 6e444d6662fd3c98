package io.sfc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Writes {@code BENCHMARKS.md} from the raw results in the results directory: {@code <backend>.tsv}
 * (one line per run), {@code <backend>.meta} (command, machine, dates), {@code footprint-*.md} and
 * the hand-written {@code NOTES.md}, each included as found.
 */
final class Report {
  private static final List<String> ORDER =
      List.of("h2", "mariadb", "postgresql", "zookeeper", "etcd");

  private Report() {}

  static synchronized void write(Path resultsDir, Path target) throws IOException {
    List<String> out = new ArrayList<>();
    out.addAll(header());
    out.addAll(runsSection(resultsDir));
    List<RunResult> all = results(resultsDir);
    out.addAll(recoveryTable(all));
    out.addAll(begunTable(all));
    out.addAll(oldEndedTable(all));
    out.addAll(include(resultsDir, "footprint"));
    out.addAll(include(resultsDir, "NOTES"));
    Files.write(target, out, StandardCharsets.UTF_8);
  }

  private static List<String> header() {
    return List.of(
        "# Benchmarks",
        "",
        "_Written by the harness (`io.sfc.bench.FailoverBench`, see DEVELOPERS.md) from the raw"
            + " results in `bench-results/`; hand-written notes come from"
            + " `bench-results/NOTES.md`._",
        "",
        "Three real controller JVMs (the packaged `sfc.jar`) on one machine, each with its own"
            + " config, around one metastore; the service is the stand-in `sfc-standin`, which"
            + " appends a line to a ledger file every 100 ms. Faults are real signals and real"
            + " packet drops. Times are measured from the instant before the fault to the first"
            + " ledger line of the new instance (what really ran, not what a controller believes)."
            + " Overlap is computed from the ledger with a tolerance of 0 ms. Timings are the"
            + " defaults: lease_ttl 10 s, renew_interval 1 s, renew_deadline 6 s, stop_timeout"
            + " 2 s, safety_margin 1 s; the service's restart window is 2 s so that every kill in"
            + " scenario (a) is a first crash (restarted at once, no back-off).",
        "",
        "Scenarios: (a) the service process gets SIGKILL, it must run again on the same node;"
            + " (b) the holder's controller gets SIGKILL; (c) the holder's controller gets SIGSTOP"
            + " for 12 s (beyond lease_ttl), then SIGCONT; (d) every controller runs in a network"
            + " namespace of its own (veth pair, reaching the metastore through a proxy on the"
            + " host side) and the holder's pair drops every packet (iptables) for 12 s; (e) the"
            + " metastore server is restarted (recovery: until every controller reports through"
            + " it again and one instance runs; `restarts` > 0 means the service was"
            + " interrupted); (f) planned switchover to the next node, requested as `sfc"
            + " switchover` does (`MetastoreAdmin`, merged from the switchover work): recovery is"
            + " from the request to the target's first ledger line; the old holder's service"
            + " ended at `old ended` (see below).",
        "",
        "Percentiles are nearest-rank: with 20 runs p99 is the maximum. Times in ms.",
        "");
  }

  private static List<String> runsSection(Path dir) throws IOException {
    List<String> out = new ArrayList<>(List.of("## Runs", ""));
    for (Path meta : files(dir, ".meta")) {
      out.add("- " + String.join("; ", Files.readAllLines(meta, StandardCharsets.UTF_8)));
    }
    out.add("");
    return out;
  }

  private static List<RunResult> results(Path dir) throws IOException {
    List<RunResult> all = new ArrayList<>();
    for (Path f : files(dir, ".tsv")) {
      if (f.getFileName().toString().startsWith("footprint")) {
        continue;
      }
      Files.readAllLines(f).stream()
          .skip(1)
          .filter(l -> !l.isBlank())
          .map(RunResult::parse)
          .forEach(all::add);
    }
    return all;
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted(Comparator.comparingInt(Report::rank).thenComparing(Path::toString))
          .toList();
    }
  }

  private static int rank(Path p) {
    String n = p.getFileName().toString();
    for (int i = 0; i < ORDER.size(); i++) {
      if (n.startsWith(ORDER.get(i) + ".") || n.startsWith(ORDER.get(i) + "-")) {
        return i;
      }
    }
    return ORDER.size();
  }

  /** Results grouped by backend (in ORDER) then scenario. */
  private static Map<String, List<RunResult>> grouped(List<RunResult> all) {
    Map<String, List<RunResult>> g = new TreeMap<>();
    for (RunResult r : all) {
      String key =
          String.format("%02d %s %s", ORDER.indexOf(r.backend()), r.backend(), r.scenario());
      g.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    return g;
  }

  private static List<String> recoveryTable(List<RunResult> all) {
    List<String> out = new ArrayList<>();
    out.add("## Time to recovery");
    out.add("");
    out.add(
        "| backend | scenario | runs | failed | median | p90 | p99 | max | bound | runs over bound"
            + " | runs with overlap | longest overlap | restarts (total) | alerts (median) |");
    out.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (List<RunResult> rs : grouped(all).values()) {
      RunResult first = rs.get(0);
      Scenario s = Scenario.byKey(first.scenario());
      Stats st = stats(rs, RunResult::recoveryMs);
      long failed = rs.stream().filter(r -> r.recoveryMs() < 0).count();
      long over =
          s.limitMillis() == 0
              ? 0
              : rs.stream()
                  .filter(r -> s.measured(r) < 0 || s.measured(r) > s.limitMillis())
                  .count();
      long overlapping = rs.stream().filter(r -> r.overlapMs() > 0).count();
      long longest = rs.stream().mapToLong(RunResult::overlapMs).max().orElse(0);
      int restarts = rs.stream().mapToInt(RunResult::restarts).sum();
      Stats alerts = stats(rs, r -> r.recoveryMs() < 0 ? -1 : r.alerts());
      out.add(
          String.format(
              "| %s | (%s) %s | %d | %d | %s | %s | %s | %d | %d | %d | %d |",
              first.backend(),
              s.key,
              s.title,
              rs.size(),
              failed,
              st.cells(),
              s.bound,
              s.limitMillis() == 0 ? "–" : Long.toString(over),
              overlapping,
              longest,
              restarts,
              alerts.median()));
    }
    out.add("");
    return out;
  }

  private static List<String> begunTable(List<RunResult> all) {
    List<String> out = new ArrayList<>();
    out.add(
        "## (a) Service crash: fault to restart begun (controller log line \"restarting service"
            + " after crash\")");
    out.add("");
    out.add("| backend | runs | median | p90 | p99 | max | over 500 ms |");
    out.add("|---|---|---|---|---|---|---|");
    for (List<RunResult> rs : grouped(all).values()) {
      if (!rs.get(0).scenario().equals(Scenario.SERVICE_KILL.key)) {
        continue;
      }
      Stats st = stats(rs, RunResult::begunMs);
      long over = rs.stream().filter(r -> r.begunMs() < 0 || r.begunMs() > 500).count();
      out.add(
          String.format("| %s | %d | %s | %d |", rs.get(0).backend(), st.n(), st.cells(), over));
    }
    out.add("");
    return out;
  }

  private static List<String> oldEndedTable(List<RunResult> all) {
    List<String> out = new ArrayList<>();
    out.add("## Old holder's service ended (fault to its last ledger line)");
    out.add("");
    out.add(
        "Should be at most renew_deadline + stop_timeout = 8000 ms for (c) and (d); at once for"
            + " (b), where the shim sees its controller die.");
    out.add("");
    out.add("| backend | scenario | median | p90 | p99 | max |");
    out.add("|---|---|---|---|---|---|");
    for (List<RunResult> rs : grouped(all).values()) {
      Stats st = stats(rs, RunResult::oldEndedMs);
      if (st.n() > 0) {
        out.add(
            String.format(
                "| %s | (%s) | %s |", rs.get(0).backend(), rs.get(0).scenario(), st.cells()));
      }
    }
    out.add("");
    return out;
  }

  private static Stats stats(List<RunResult> rs, ToLongFunction<RunResult> f) {
    return Stats.of(rs.stream().map(r -> f.applyAsLong(r)).toList());
  }

  private static List<String> include(Path dir, String prefix) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path f : files(dir, ".md")) {
      if (f.getFileName().toString().startsWith(prefix)) {
        out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        out.add("");
      }
    }
    return out;
  }
}
