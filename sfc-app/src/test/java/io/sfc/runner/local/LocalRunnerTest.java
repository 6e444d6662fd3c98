package io.sfc.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalRunner and the shim with real processes. */
class LocalRunnerTest {

  private static final Duration LONG = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofMillis(500);

  @TempDir Path tmp;
  private ExecutorService executor;
  private LocalRunner runner;
  private final List<LocalServiceHandle> handles = new ArrayList<>();
  private final List<Long> extraPids = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    executor = Procs.pool("sfc-test-exit", 4);
    runner = new LocalRunner("c1", "n1", tmp.resolve("logs"), executor);
  }

  @AfterEach
  void tearDown() {
    for (LocalServiceHandle h : handles) {
      Procs.killGroup(h.pid());
      Procs.kill("KILL", Long.toString(h.shimPid()));
    }
    extraPids.forEach(pid -> Procs.kill("KILL", Long.toString(pid)));
    executor.shutdownNow();
  }

  @Test
  void exitStatusZeroIsReported() throws Exception {
    assertThat(runAndWait("bash", "-c", "exit 0")).isZero();
  }

  @Test
  void exitStatusSevenIsReported() throws Exception {
    assertThat(runAndWait("bash", "-c", "exit 7")).isEqualTo(7);
  }

  @Test
  void deathBySignalIsReportedAs128PlusSignal() throws Exception {
    assertThat(runAndWait("bash", "-c", "kill -USR1 $$")).isEqualTo(128 + 10);
  }

  @Test
  void commandNotFoundIsReportedAs127() throws Exception {
    assertThat(runAndWait(tmp.resolve("no-such-program").toString())).isEqualTo(127);
  }

  @Test
  void listenerIsCalledOnceSoonAfterACrash() throws Exception {
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      latencies.add(crashLatencyMicros(i));
    }
    long max = latencies.stream().mapToLong(Long::longValue).max().orElseThrow();
    System.out.printf("crash detection latency (us): %s, max %d%n", latencies, max);
    assertThat(max).isLessThan(1_000_000);
  }

  private long crashLatencyMicros(int run) throws Exception {
    Path stamp = tmp.resolve("exit-stamp-" + run);
    String script = "read -t 0.2 <> <(:); printf %s ${EPOCHREALTIME/./} > \"$1\"; exit 3";
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<Long> called = new CompletableFuture<>();
    LocalServiceHandle h =
        start(
            spec(List.of("bash", "-c", script, "crash", stamp.toString())),
            LONG,
            s -> {
              calls.incrementAndGet();
              called.complete(Procs.nowMicros());
            });
    long calledAt = called.get(10, TimeUnit.SECONDS);
    long exitedAt = Long.parseLong(Files.readString(stamp).trim());
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(1))
        .until(() -> calls.get() == 1);
    return calledAt - exitedAt;
  }

  @Test
  void feedingKeepsTheServiceAlivePastTheInitialBudget() throws Exception {
    Duration budget = Duration.ofMillis(400);
    LocalServiceHandle h = start(spec(List.of("sleep", "1000")), budget, s -> {});
    ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
    try {
      feeder.scheduleAtFixedRate(() -> h.feed(budget), 100, 100, TimeUnit.MILLISECONDS);
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(3))
          .until(() -> Procs.alive(h.pid()));
    } finally {
      feeder.shutdownNow();
      feeder.awaitTermination(5, TimeUnit.SECONDS);
    }
    long lastFeed = System.nanoTime();
    h.feed(budget);
    long diedAfter = awaitDeath(h, Duration.ofSeconds(5)) - lastFeed;
    System.out.printf(
        "no more feeds: killed %d ms after the last feed (budget 400)%n", ms(diedAfter));
    assertThat(ms(diedAfter)).isBetween(350L, 400L + STOP_TIMEOUT.toMillis() + 700);
  }

  @Test
  void withoutFeedTheGroupIsKilledSoonAfterTheBudget() throws Exception {
    long t0 = System.nanoTime();
    CompletableFuture<Integer> status = new CompletableFuture<>();
    LocalServiceHandle h =
        start(spec(List.of("sleep", "1000")), Duration.ofMillis(500), status::complete);
    long diedAfter = awaitDeath(h, Duration.ofSeconds(5)) - t0;
    System.out.printf("no feed: killed %d ms after start (budget 500)%n", ms(diedAfter));
    assertThat(ms(diedAfter)).isBetween(450L, 500L + STOP_TIMEOUT.toMillis() + 700);
    assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(128 + 15);
  }

  @Test
  void closingTheFeedKillsTheGroupIncludingGrandchildren() throws Exception {
    Path pids = tmp.resolve("pids");
    String script = "sleep 1000 & echo $! >> \"$1\"; sleep 1000 & echo $! >> \"$1\"; wait";
    LocalServiceHandle h =
        start(spec(List.of("bash", "-c", script, "svc", pids.toString())), LONG, s -> {});
    List<Long> children = awaitPids(pids, 2);
    assertThat(Procs.groupMembers(h.pid())).containsAll(children).contains(h.pid());
    long t0 = System.nanoTime();
    h.closeFeed();
    await().atMost(Duration.ofSeconds(3)).until(() -> Procs.groupMembers(h.pid()).isEmpty());
    System.out.printf("feed closed: group gone after %d ms%n", ms(System.nanoTime() - t0));
    assertThat(children).noneMatch(Procs::alive);
    await().atMost(Duration.ofSeconds(3)).until(() -> !h.isAlive());
  }

  @Test
  void aServiceIgnoringTheStopSignalIsKilledAfterTheStopTimeout() throws Exception {
    Path ready = tmp.resolve("ready");
    String script = "trap '' TERM; echo ok > \"$1\"; exec sleep 1000";
    CompletableFuture<Integer> status = new CompletableFuture<>();
    LocalServiceHandle h =
        start(spec(List.of("bash", "-c", script, "svc", ready.toString())), LONG, status::complete);
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(ready));
    long t0 = System.nanoTime();
    h.stop(StopPath.PLANNED, java.time.Duration.ofSeconds(30));
    long took = ms(System.nanoTime() - t0);
    System.out.printf("TERM ignored: stop() took %d ms (stop timeout 500)%n", took);
    assertThat(took).isBetween(450L, STOP_TIMEOUT.toMillis() + 2000);
    assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(128 + 9);
    assertThat(Procs.groupMembers(h.pid())).isEmpty();
  }

  @Test
  void stopEndsTheStandInGracefullyWithinBound() throws Exception {
    Path ledger = tmp.resolve("ledger");
    CompletableFuture<Integer> status = new CompletableFuture<>();
    LocalServiceHandle h = start(FeedingMain.standin(ledger, STOP_TIMEOUT), LONG, status::complete);
    await().atMost(Duration.ofSeconds(5)).until(() -> lines(ledger).size() >= 3);
    long t0 = System.nanoTime();
    h.stop(StopPath.PLANNED, java.time.Duration.ofSeconds(30));
    long took = ms(System.nanoTime() - t0);
    System.out.printf("stand-in stop() took %d ms%n", took);
    assertThat(took).isLessThan(STOP_TIMEOUT.toMillis() + 2000);
    assertThat(status.get(5, TimeUnit.SECONDS)).isZero();
    assertThat(Procs.groupMembers(h.pid())).isEmpty();
    List<String> lines = lines(ledger);
    assertThat(lines.get(0)).startsWith("start n1 " + h.pid() + " 42 ");
    assertThat(lines.get(lines.size() - 1)).startsWith("stop n1 " + h.pid() + " 42 ");
    h.feed(Duration.ofSeconds(1));
    h.stop(StopPath.PLANNED, java.time.Duration.ofSeconds(30));
  }

  /**
   * A service that needs 1.5 s after TERM, with a planned stop timeout of 10 s and a deadline stop
   * timeout of 300 ms: a planned stop lets it finish; a deadline stop, and a planned stop whose
   * budget lapses (the renewals stopped), KILL it first.
   */
  @Test
  void aPlannedStopLetsTheServiceFinishAndADeadlineStopKillsIt() throws Exception {
    assertThat(slowStop(StopPath.PLANNED, LONG, "planned")).isZero();
    assertThat(slowStop(StopPath.DEADLINE, Duration.ZERO, "deadline")).isEqualTo(128 + 9);
    assertThat(slowStop(StopPath.PLANNED, Duration.ofMillis(200), "lapsed")).isEqualTo(128 + 9);
  }

  /** Starts the slow stopper, stops it by {@code path} and returns its exit status. */
  private int slowStop(StopPath path, Duration budget, String run) throws Exception {
    Path ready = tmp.resolve("ready-" + run);
    Path done = tmp.resolve("done-" + run);
    String script =
        "trap 'sleep 1.5; echo done > \"$2\"; exit 0' TERM; echo ok > \"$1\";"
            + " while :; do sleep 0.1; done";
    ServiceSpec spec =
        new ServiceSpec(
            "svc",
            List.of("bash", "-c", script, "svc", ready.toString(), done.toString()),
            null,
            Map.of(),
            "TERM",
            Duration.ofSeconds(10),
            Duration.ofMillis(300),
            RestartPolicy.DEFAULTS);
    CompletableFuture<Integer> status = new CompletableFuture<>();
    LocalServiceHandle h = start(spec, LONG, status::complete);
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(ready));
    h.stop(path, budget);
    int s = status.get(15, TimeUnit.SECONDS);
    assertThat(Files.exists(done)).as("%s: the service finished its stop", run).isEqualTo(s == 0);
    assertThat(Procs.groupMembers(h.pid())).isEmpty();
    return s;
  }

  @Test
  void theStopSignalCanBeInt() throws Exception {
    ServiceSpec spec =
        new ServiceSpec(
            "svc",
            List.of("sleep", "1000"),
            null,
            Map.of(),
            "INT",
            STOP_TIMEOUT,
            RestartPolicy.DEFAULTS);
    CompletableFuture<Integer> status = new CompletableFuture<>();
    LocalServiceHandle h = start(spec, LONG, status::complete);
    h.stop(StopPath.PLANNED, java.time.Duration.ofSeconds(30));
    assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(128 + 2);
    assertThat(Procs.groupMembers(h.pid())).isEmpty();
  }

  @Test
  void terminatingTheShimStopsTheService() throws Exception {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    LocalServiceHandle h = start(spec(List.of("sleep", "1000")), LONG, status::complete);
    Procs.kill("TERM", Long.toString(h.shimPid()));
    assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(128 + 15);
    assertThat(Procs.groupMembers(h.pid())).isEmpty();
    assertThat(Procs.alive(h.pid())).isFalse();
  }

  @Test
  void argumentsPassThroughUnchangedAndEnvironmentIsSet() throws Exception {
    Path out = tmp.resolve("args");
    Path dir = Files.createDirectories(tmp.resolve("work dir"));
    List<String> args = List.of("a b", "c'd", "e\"f", "", "  lead", "$HOME", "*", "x\\y", "-n");
    String script =
        "printf '%s\\0' \"$@\" \"$SFC_CLUSTER\" \"$SFC_NODE\" \"$SFC_SERVICE\" \"$SFC_EPOCH\""
            + " \"$FOO\" \"$PWD\" > \"$OUT\"";
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", script, "svc"));
    cmd.addAll(args);
    ServiceSpec spec = spec(cmd, dir, Map.of("FOO", "bar baz", "OUT", out.toString()));
    CompletableFuture<Integer> status = new CompletableFuture<>();
    start(spec, LONG, status::complete);
    assertThat(status.get(10, TimeUnit.SECONDS)).isZero();
    List<String> expected = new ArrayList<>(args);
    expected.addAll(List.of("c1", "n1", "svc", "42", "bar baz", dir.toRealPath().toString()));
    assertThat(Arrays.asList(Files.readString(out).split("\0", -1)))
        .containsExactlyElementsOf(withEmptyTail(expected));
  }

  @Test
  void serviceOutputGoesToItsLogFile() throws Exception {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    start(spec(List.of("bash", "-c", "echo to-out; echo to-err >&2")), LONG, status::complete);
    assertThat(status.get(10, TimeUnit.SECONDS)).isZero();
    String log = Files.readString(runner.logFile("svc"));
    assertThat(log).contains("to-out", "to-err", "exited with status 0");
  }

  @Test
  void aBadStopSignalFailsTheStart() {
    ServiceSpec bad =
        new ServiceSpec(
            "svc", List.of("true"), null, Map.of(), "NOPE", STOP_TIMEOUT, RestartPolicy.DEFAULTS);
    assertThatThrownBy(() -> runner.start(bad, 1, LONG, s -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no pid line");
  }

  // --- helpers

  private int runAndWait(String... command) throws Exception {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    start(spec(List.of(command)), LONG, status::complete);
    return status.get(10, TimeUnit.SECONDS);
  }

  private LocalServiceHandle start(
      ServiceSpec spec, Duration budget, io.sfc.core.port.NodeRunner.ExitListener l)
      throws IOException {
    LocalServiceHandle h = (LocalServiceHandle) runner.start(spec, 42, budget, l);
    handles.add(h);
    return h;
  }

  private static ServiceSpec spec(List<String> command) {
    return spec(command, null, Map.of());
  }

  private static ServiceSpec spec(List<String> command, Path dir, Map<String, String> env) {
    return new ServiceSpec("svc", command, dir, env, "TERM", STOP_TIMEOUT, RestartPolicy.DEFAULTS);
  }

  /** Waits until the service pid is gone and returns System.nanoTime() at that moment. */
  private static long awaitDeath(LocalServiceHandle h, Duration atMost) {
    await().pollInterval(Duration.ofMillis(5)).atMost(atMost).until(() -> !Procs.alive(h.pid()));
    return System.nanoTime();
  }

  private List<Long> awaitPids(Path file, int n) {
    await().atMost(Duration.ofSeconds(5)).until(() -> lines(file).size() >= n);
    List<Long> pids = lines(file).stream().map(Long::parseLong).toList();
    extraPids.addAll(pids);
    return pids;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<String> withEmptyTail(List<String> items) {
    List<String> l = new ArrayList<>(items);
    l.add("");
    return l;
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
