package io.sfc.runner.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.port.ServiceHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link SshRunner} against a real OpenSSH server on loopback. */
class SshRunnerTest {

  static final Duration RENEW_DEADLINE = Duration.ofSeconds(6);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

  @TempDir static Path dir;

  @RegisterExtension static final SshdExtension SSH = new SshdExtension();
  static SshTestServer sshd;
  static SshConnections ssh;
  static ExecutorService executor;

  @BeforeAll
  static void fixture() {
    sshd = SSH.server();
    ssh = SSH.connections();
    executor = SSH.executor();
  }

  static ServiceSpec spec(String name, List<String> command) {
    return new ServiceSpec(
        name, command, null, Map.of(), "TERM", STOP_TIMEOUT, RestartPolicy.DEFAULTS);
  }

  SshRunner runner(SshConnections c) throws Exception {
    return new SshRunner(
        "c1", c, sshd.target("n1"), dir.resolve("logs"), executor, System::nanoTime);
  }

  @Test
  void startsFeedsAndStopsAShimmedRemoteService() throws Exception {
    CompletableFuture<Integer> exit = new CompletableFuture<>();

    ServiceHandle h =
        runner(ssh).start(spec("svc", List.of("sleep", "600")), 7, RENEW_DEADLINE, exit::complete);
    h.feed(RENEW_DEADLINE);

    assertThat(alive(h.pid())).isTrue();
    // the pid is announced right after the fork: the environment is the service's once it exec'd
    await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(environ(h.pid()))
                    .contains("SFC_EPOCH=7", "SFC_SERVICE=svc", "SFC_CLUSTER=c1"));
    h.stop(StopPath.PLANNED, java.time.Duration.ofSeconds(30));
    assertThat(exit.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(128 + 15);
    assertThat(alive(h.pid())).isFalse();
  }

  @Test
  void serviceExitIsReportedWithTheRemoteExitStatus() throws Exception {
    CompletableFuture<Integer> exit = new CompletableFuture<>();

    runner(ssh)
        .start(spec("exits", List.of("sh", "-c", "exit 42")), 1, RENEW_DEADLINE, exit::complete);

    assertThat(exit.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(42);
  }

  @Test
  void aValueWithSpacesQuotesAndSubstitutionsReachesTheRemoteCommandLiterally() throws Exception {
    String nasty = "a b 'c' \"d\" $(touch /tmp/sfc-pwned-2) `id` $HOME ; & | *";
    Path out = dir.resolve("out dir with 'quote'");
    Files.createDirectories(out);
    Path file = out.resolve("value.txt");
    CompletableFuture<Integer> exit = new CompletableFuture<>();

    runner(ssh)
        .start(
            spec(
                "literal",
                List.of("sh", "-c", "printf '%s' \"$1\" > \"$2\"", "_", nasty, file.toString())),
            1,
            RENEW_DEADLINE,
            exit::complete);

    assertThat(exit.get(10, java.util.concurrent.TimeUnit.SECONDS)).isZero();
    assertThat(Files.readString(file)).isEqualTo(nasty);
    assertThat(Path.of("/tmp/sfc-pwned-2")).doesNotExist();
  }

  @Test
  void feedStoppingEndsTheRemoteService() throws Exception {
    CompletableFuture<Integer> exit = new CompletableFuture<>();

    ServiceHandle h =
        runner(ssh)
            .start(
                spec("starved", List.of("sleep", "600")), 1, Duration.ofSeconds(1), exit::complete);

    await().atMost(Duration.ofSeconds(10)).until(() -> !alive(h.pid()));
    assertThat(exit.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(128 + 15);
  }

  @Test
  void killingTheSshdSessionProcessTakesTheRemoteServiceDown() throws Exception {
    Set<Long> before = pids(sshd.sessionProcesses());
    try (SshConnections own = SshConnections.withSystemEnv(List.of(sshd.settings()))) {
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      ServiceHandle h =
          runner(own)
              .start(spec("victim", List.of("sleep", "600")), 3, RENEW_DEADLINE, exit::complete);
      h.feed(RENEW_DEADLINE);
      List<ProcessHandle> mine =
          sshd.sessionProcesses().stream().filter(p -> !before.contains(p.pid())).toList();
      assertThat(mine).isNotEmpty();

      long t0 = System.nanoTime();
      for (ProcessHandle p : mine) {
        p.descendants().filter(SshRunnerTest::isSshd).forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      await()
          .atMost(RENEW_DEADLINE.plus(STOP_TIMEOUT))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> !alive(h.pid()));
      long tookMs = (System.nanoTime() - t0) / 1_000_000;
      System.out.println(
          "MEASURED: remote service gone "
              + tookMs
              + " ms after its sshd session was killed"
              + " (bound renew_deadline + stop_timeout = "
              + RENEW_DEADLINE.plus(STOP_TIMEOUT).toMillis()
              + " ms)");
      assertThat(
              exit.get(
                  RENEW_DEADLINE.plus(STOP_TIMEOUT).toSeconds() + 5,
                  java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(SshServiceHandle.CONNECTION_LOST);
    }
  }

  @Test
  void aFrozenSshSessionStarvesTheShimWhichStopsTheServiceAndKeepAliveNoticesTheLoss()
      throws Exception {
    Duration budget = Duration.ofSeconds(2);
    Set<Long> before = pids(sshd.sessionProcesses());
    try (SshConnections own = SshConnections.withSystemEnv(List.of(sshd.settings()))) {
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      ServiceHandle h =
          runner(own).start(spec("frozen", List.of("sleep", "600")), 4, budget, exit::complete);
      var feeder =
          Executors.newSingleThreadScheduledExecutor()
              .scheduleAtFixedRate(
                  () -> h.feed(budget), 0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
      List<ProcessHandle> session =
          sshd.sessionProcesses().stream()
              .filter(p -> !before.contains(p.pid()))
              .flatMap(
                  p ->
                      java.util.stream.Stream.concat(
                          java.util.stream.Stream.of(p),
                          p.descendants().filter(SshRunnerTest::isSshd)))
              .toList();
      try {
        long t0 = System.nanoTime();
        signal("STOP", session);
        await()
            .atMost(budget.plus(STOP_TIMEOUT).plusSeconds(1))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> !alive(h.pid()));
        long goneMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(exit.get(30, java.util.concurrent.TimeUnit.SECONDS))
            .isEqualTo(SshServiceHandle.CONNECTION_LOST);
        long reportedMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(
            "MEASURED: frozen sshd session: remote service gone "
                + goneMs
                + " ms after the freeze (budget "
                + budget.toMillis()
                + " ms + stop_timeout "
                + STOP_TIMEOUT.toMillis()
                + " ms); exit reported after "
                + reportedMs
                + " ms");
      } finally {
        feeder.cancel(false);
        signal("KILL", session);
      }
    }
  }

  static void signal(String sig, List<ProcessHandle> ps) throws Exception {
    for (ProcessHandle p : ps) {
      new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor();
    }
  }

  static boolean isSshd(ProcessHandle p) {
    return p.info().command().map(c -> c.contains("sshd")).orElse(false);
  }

  static Set<Long> pids(List<ProcessHandle> ps) {
    return ps.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  static String environ(long pid) throws Exception {
    return Files.readString(Path.of("/proc/" + pid + "/environ")).replace('\0', '\n');
  }
}
