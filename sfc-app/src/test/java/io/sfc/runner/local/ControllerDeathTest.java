package io.sfc.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim binds the service to its controller: a controller JVM in another process ({@link
 * FeedingMain}) is killed with SIGKILL or frozen with SIGSTOP, and the service must die on its own.
 */
class ControllerDeathTest {

  private static final long BUDGET_MS = 1000;
  private static final long STOP_TIMEOUT_MS = 1000;
  private static final long FEED_MS = 200;
  private static final long SLACK_MS = 1000;

  @TempDir Path tmp;
  private ExecutorService executor;
  private Process jvm;
  private long servicePid;
  private long shimPid;

  @BeforeEach
  void setUp() {
    executor = Procs.pool("sfc-test-jvm", 2);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (jvm != null) {
      Procs.kill("CONT", Long.toString(jvm.pid()));
      jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (servicePid > 0) {
      Procs.killGroup(servicePid);
      Procs.kill("KILL", Long.toString(shimPid));
    }
    executor.shutdownNow();
  }

  @Test
  void killingTheControllerWithSigkillKillsTheService() throws Exception {
    Path ledger = startController();
    jvm.destroyForcibly();
    long took = awaitServiceDeath(STOP_TIMEOUT_MS + SLACK_MS);
    System.out.printf("controller SIGKILLed: service gone after %d ms%n", took);
    assertThat(took).isLessThanOrEqualTo(STOP_TIMEOUT_MS + SLACK_MS);
    assertCleanEnd(ledger);
  }

  @Test
  void freezingTheControllerWithSigstopKillsTheServiceAfterTheBudget() throws Exception {
    Path ledger = startController();
    Procs.kill("STOP", Long.toString(jvm.pid()));
    long took = awaitServiceDeath(BUDGET_MS + STOP_TIMEOUT_MS + SLACK_MS);
    System.out.printf(
        "controller SIGSTOPped: service gone after %d ms (budget %d)%n", took, BUDGET_MS);
    assertThat(took).isBetween(BUDGET_MS - FEED_MS - 100, BUDGET_MS + STOP_TIMEOUT_MS + SLACK_MS);
    assertCleanEnd(ledger);
    Procs.kill("CONT", Long.toString(jvm.pid()));
  }

  /** Starts FeedingMain and waits until the service has outlived its initial budget by feeding. */
  private Path startController() throws Exception {
    Path ledger = tmp.resolve("ledger");
    jvm =
        new ProcessBuilder(javaCommand(ledger))
            .redirectError(tmp.resolve("jvm.err").toFile())
            .start();
    String[] first = firstLine(jvm).split(" ");
    servicePid = Long.parseLong(first[1]);
    shimPid = Long.parseLong(first[3]);
    await().atMost(Duration.ofSeconds(10)).until(() -> runningFor(ledger) > BUDGET_MS + 500);
    assertThat(Procs.alive(servicePid)).isTrue();
    return ledger;
  }

  private List<String> javaCommand(Path ledger) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(
        java,
        "-Xmx64m",
        "-cp",
        cp,
        FeedingMain.class.getName(),
        ledger.toString(),
        tmp.resolve("logs").toString(),
        Long.toString(BUDGET_MS),
        Long.toString(STOP_TIMEOUT_MS),
        Long.toString(FEED_MS));
  }

  private String firstLine(Process p) throws Exception {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return r.readLine();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            },
            executor);
    String s = line.get(30, TimeUnit.SECONDS);
    assertThat(s)
        .as("first line of FeedingMain; stderr in %s", tmp.resolve("jvm.err"))
        .startsWith("service ");
    return s;
  }

  /** Milliseconds between the first and the last ledger line of the service. */
  private long runningFor(Path ledger) throws IOException {
    if (!Files.exists(ledger)) {
      return 0;
    }
    List<Ledger.Interval> iv = Ledger.read(ledger).intervals();
    return iv.isEmpty() ? 0 : iv.get(0).endMillis() - iv.get(0).startMillis();
  }

  private long awaitServiceDeath(long boundMs) {
    long t0 = System.nanoTime();
    await()
        .pollInterval(Duration.ofMillis(5))
        .atMost(Duration.ofMillis(boundMs + 5000))
        .until(() -> !Procs.alive(servicePid));
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private void assertCleanEnd(Path ledger) throws IOException {
    await().atMost(Duration.ofSeconds(5)).until(() -> !Procs.alive(shimPid));
    assertThat(Procs.groupMembers(servicePid)).isEmpty();
    Ledger l = Ledger.read(ledger);
    System.out.println("ledger: " + l.summary());
    assertThat(l.intervals()).hasSize(1);
    assertThat(l.intervals().get(0).stopped()).as("stand-in wrote its stop line").isTrue();
    assertThat(l.overlaps()).isEmpty();
  }
}
