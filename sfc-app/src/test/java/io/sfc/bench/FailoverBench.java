package io.sfc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The failover benchmark: for each backend and scenario, one cluster of three controller JVMs, the
 * scenario run {@code bench.runs} times on it; every run is appended to {@code
 * bench-results/<backend>-<scenario keys>.tsv} as it finishes, and {@code BENCHMARKS.md} is
 * rewritten after each scenario. Runs only with {@code -Pbench} (the class name matches no default
 * test pattern):
 *
 * <pre>
 * ./mvnw -o -q -pl sfc-app -am verify -Pbench -Dbench.backends=h2,mariadb,postgresql \
 *   -Dbench.runs=20
 * </pre>
 *
 * Properties: {@code bench.backends} (h2, mariadb, postgresql, zookeeper, etcd), {@code
 * bench.runs}, {@code bench.scenarios} (keys a-f, default all), {@code bench.footprint} (true to
 * measure the footprint too), {@code bench.parallel} (true: the backends at the same time, one
 * thread each), {@code bench.root} (where BENCHMARKS.md and bench-results/ are). Needs root for
 * scenario (d) (network namespaces, iptables).
 */
class FailoverBench {
  static final List<String> ALL_BACKENDS =
      List.of("h2", "mariadb", "postgresql", "zookeeper", "etcd");

  @Test
  void run() throws Exception {
    Path root = Path.of(System.getProperty("bench.root", ".."));
    Path results = Files.createDirectories(root.resolve("bench-results"));
    int runs = Integer.getInteger("bench.runs", 20);
    List<Scenario> scenarios = scenarios();
    List<String> backends = list("bench.backends", "h2");
    if (scenarios.contains(Scenario.HOLDER_CUT)) {
      NetNs.requirePrerequisites();
    }
    if (Boolean.getBoolean("bench.parallel")) {
      inParallel(backends, runs, scenarios, results, root);
    } else {
      for (String name : backends) {
        new FailoverBench().benchmark(name, runs, scenarios, results, root);
      }
    }
    Report.write(results, root.resolve("BENCHMARKS.md"));
  }

  private static void inParallel(
      List<String> backends, int runs, List<Scenario> scenarios, Path results, Path root)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(backends.size());
    List<Future<?>> all = new ArrayList<>();
    for (String name : backends) {
      all.add(
          pool.submit(
              () -> {
                new FailoverBench().benchmark(name, runs, scenarios, results, root);
                return null;
              }));
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
  }

  private static List<String> list(String property, String dflt) {
    return Arrays.stream(System.getProperty(property, dflt).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static List<Scenario> scenarios() {
    return list("bench.scenarios", "a,b,c,d,e,f").stream().map(Scenario::byKey).toList();
  }

  private void benchmark(String name, int runs, List<Scenario> scenarios, Path results, Path root)
      throws Exception {
    String keys = String.join("", scenarios.stream().map(s -> s.key).toList());
    Path tsv = results.resolve(name + "-" + keys + ".tsv");
    Path meta = results.resolve(name + "-" + keys + ".meta");
    String started = now();
    Files.writeString(tsv, RunResult.HEADER + "\n");
    writeMeta(meta, name, runs, scenarios, started, "running");
    try (Backend backend = Backend.of(name)) {
      backend.start();
      for (Scenario s : scenarios) {
        scenario(backend, s, runs, tsv);
        Report.write(results, root.resolve("BENCHMARKS.md"));
      }
      if (Boolean.getBoolean("bench.footprint")) {
        Footprint.measure(backend, results);
      }
    }
    writeMeta(meta, name, runs, scenarios, started, "finished " + now());
    Report.write(results, root.resolve("BENCHMARKS.md"));
  }

  private void scenario(Backend backend, Scenario s, int runs, Path tsv) throws Exception {
    if (s == Scenario.METASTORE_RESTART && !backend.restartable()) {
      System.out.printf("[bench] %s (%s): skipped, shared server%n", backend.name(), s.key);
      return;
    }
    int slotBase = 4 * (ALL_BACKENDS.indexOf(backend.name()) + 1);
    BenchCluster.Options options =
        new BenchCluster.Options(s == Scenario.HOLDER_CUT, slotBase, 1, false);
    int run = 1;
    while (run <= runs) {
      run = runSome(backend, s, options, run, runs, tsv);
    }
  }

  /** Runs on one cluster until done or a run fails (then the next cluster goes on). */
  private int runSome(
      Backend backend, Scenario s, BenchCluster.Options options, int run, int runs, Path tsv)
      throws Exception {
    Path dir = Files.createTempDirectory("sfc-bench-" + backend.name() + "-" + s.key);
    try (BenchCluster cluster = new BenchCluster(backend, dir, options)) {
      cluster.start();
      ScenarioRunner runner = new ScenarioRunner(cluster, backend);
      for (; run <= runs; run++) {
        RunResult r = runOrFail(runner, backend, s, run);
        append(tsv, r);
        if (r.recoveryMs() < 0 || r.overlapMs() > 0) {
          return run + 1;
        }
      }
    }
    return run;
  }

  private static RunResult runOrFail(ScenarioRunner runner, Backend backend, Scenario s, int run) {
    try {
      return runner.run(s, run);
    } catch (Exception | AssertionError e) {
      String why = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
      why = why.length() > 200 ? why.substring(0, 200) : why;
      return new RunResult(backend.name(), s.key, run, -1, -1, -1, 0, 0, 0, "FAILED: " + why);
    }
  }

  private static void append(Path tsv, RunResult r) throws IOException {
    System.out.println("[bench] " + r.tsv());
    Files.writeString(tsv, r.tsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private static void writeMeta(
      Path meta, String name, int runs, List<Scenario> scenarios, String started, String state)
      throws IOException {
    String keys = String.join(",", scenarios.stream().map(s -> s.key).toList());
    List<String> lines = new ArrayList<>();
    lines.add(
        "**"
            + name
            + "**: `./mvnw -o -q -pl sfc-app -am verify -Pbench -Dbench.backends="
            + System.getProperty("bench.backends", "h2")
            + " -Dbench.runs="
            + runs
            + " -Dbench.scenarios="
            + keys
            + " -Dbench.parallel="
            + Boolean.getBoolean("bench.parallel")
            + " -Dbench.footprint="
            + Boolean.getBoolean("bench.footprint")
            + (Boolean.getBoolean("bench.restartShared") ? " -Dbench.restartShared=true" : "")
            + "`");
    lines.add("started " + started + ", " + state);
    lines.add(Machine.describe());
    Files.write(meta, lines, StandardCharsets.UTF_8);
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
