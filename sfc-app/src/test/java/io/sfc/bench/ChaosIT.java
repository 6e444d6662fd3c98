package io.sfc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.runner.local.Ledger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short chaos run in the default build: three controllers on H2, random faults for {@value
 * #CHAOS_MS} ms (SIGKILL of a controller, SIGSTOP then SIGCONT, SIGKILL of the service, a graceful
 * controller restart), chosen by a seeded {@link Random} (the seed is printed; rerun one with
 * {@code -Dchaos.seed=N}); fails on any overlap in the ledger.
 */
class ChaosIT {
  static final long CHAOS_MS = 100_000;
  @TempDir Path dir;
  final H2Backend backend = new H2Backend();
  BenchCluster cluster;
  Random random;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
    backend.close();
  }

  @Test
  void randomFaultsNeverLetTwoInstancesRunAtOnce() throws Exception {
    long seed = Long.getLong("chaos.seed", System.nanoTime());
    System.out.println("[ChaosIT] seed " + seed + " (rerun with -Dchaos.seed=" + seed + ")");
    random = new Random(seed);
    backend.start();
    cluster = new BenchCluster(backend, dir, BenchCluster.Options.plain());
    cluster.start();
    cluster.awaitSteady(Duration.ofSeconds(60));
    long end = System.currentTimeMillis() + CHAOS_MS;
    int faults = 0;
    while (System.currentTimeMillis() < end) {
      fault();
      faults++;
      pause(200, 3_000);
    }
    Ledger.Interval last = cluster.awaitSteady(Duration.ofSeconds(60));
    Ledger ledger = cluster.ledger();
    System.out.printf(
        "[ChaosIT] seed %d: %d faults, %s; running on %s%n", seed, faults, ledger.summary(), last);
    assertThat(ledger.overlaps()).as("seed %d: %s", seed, ledger.summary()).isEmpty();
  }

  private void fault() throws Exception {
    String node = pickNode();
    switch (random.nextInt(4)) {
      case 0 -> killAndRestart(node, "KILL");
      case 1 -> freeze(node);
      case 2 -> killService();
      default -> killAndRestart(node, "TERM");
    }
  }

  /** The holder half of the time, else any node. */
  private String pickNode() throws Exception {
    List<Ledger.Interval> live = cluster.live();
    if (!live.isEmpty() && random.nextBoolean()) {
      return live.get(0).node();
    }
    return BenchCluster.NODES.get(random.nextInt(BenchCluster.NODES.size()));
  }

  private void killAndRestart(String node, String signal) throws Exception {
    say(signal + " controller " + node);
    cluster.signal(node, signal);
    BenchCluster.awaitExit(cluster.controller(node), 20_000);
    pause(0, 3_000);
    cluster.restartController(node);
  }

  private void freeze(String node) throws Exception {
    long ms = 1_000 + random.nextInt(13_000);
    say("STOP controller " + node + " for " + ms + " ms");
    cluster.signal(node, "STOP");
    try {
      ScenarioRunner.awaitUntil(System.currentTimeMillis() + ms);
    } finally {
      cluster.signal(node, "CONT");
    }
  }

  private void killService() throws Exception {
    List<Ledger.Interval> live = cluster.live();
    if (live.isEmpty()) {
      say("no service running to kill");
      return;
    }
    Ledger.Interval victim = live.get(random.nextInt(live.size()));
    say("KILL service " + victim);
    ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
  }

  private void pause(int minMs, int maxMs) {
    ScenarioRunner.awaitUntil(
        System.currentTimeMillis() + minMs + random.nextInt(maxMs - minMs + 1));
  }

  private static void say(String what) {
    System.out.printf("[ChaosIT] %d %s%n", System.currentTimeMillis(), what);
  }
}
