package io.sfc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness can fail: with an unsafe setup, where the stand-in leaves the watchdog shim's process
 * group (so the shim's kill misses it), a frozen holder's service outlives its lease and the
 * harness must report the overlap with the next holder's instance.
 */
class HarnessReportsOverlapIT {
  @TempDir Path dir;
  final H2Backend backend = new H2Backend();
  BenchCluster cluster;

  @BeforeEach
  void start() throws Exception {
    backend.start();
    cluster = new BenchCluster(backend, dir, new BenchCluster.Options(false, 0, 1, true));
    cluster.start();
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
    backend.close();
  }

  @Test
  void frozenHolderWithoutItsWatchdogIsReportedAsAnOverlap() throws Exception {
    RunResult r = new ScenarioRunner(cluster, backend).run(Scenario.HOLDER_FREEZE, 1);
    System.out.println("[HarnessReportsOverlapIT] " + r.tsv());
    assertThat(r.overlapMs()).as("overlap reported by the harness").isPositive();
    assertThat(r.recoveryMs()).as("another node took over").isPositive();
  }
}
