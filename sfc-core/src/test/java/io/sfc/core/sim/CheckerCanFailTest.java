package io.sfc.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Timings;
import java.time.Duration;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checker is only worth something if it fails on an unsafe controller: show that it does. */
class CheckerCanFailTest {
  private static final Logger SFC_LOG = Logger.getLogger("io.sfc");
  private static final int SEEDS = 50;

  @BeforeAll
  static void quietLogs() {
    SFC_LOG.setLevel(Level.OFF);
  }

  /** Other test classes in this JVM must see the logging they configure, not this class's OFF. */
  @AfterAll
  static void restoreLogs() {
    SFC_LOG.setLevel(null);
  }

  /**
   * renew_deadline (8 s) above lease_ttl (5 s), bypassing validation: a cut-off holder overlaps.
   */
  @Test
  void findsOverlapWhenTheDeadlineOutlivesTheLease() {
    Timings unsafe =
        new Timings(
            Duration.ofSeconds(5),
            Duration.ofSeconds(1),
            Duration.ofSeconds(8),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1));
    assertThat(unsafe.violations()).isNotEmpty();
    assertThat(overlappingRuns(c -> c.withTimings(unsafe))).isGreaterThan(SEEDS / 5);
  }

  /** No shim watchdog: a paused holder cannot self-fence and its service outlives its lease. */
  @Test
  void findsOverlapWithoutTheShimWatchdog() {
    assertThat(overlappingRuns(SimConfig::withoutWatchdog)).isGreaterThan(SEEDS / 5);
  }

  @Test
  void theSameSeedReplaysTheSameRun() {
    SimResult a = Simulation.run(42);
    SimResult b = Simulation.run(42);
    assertThat(b.events()).isEqualTo(a.events());
    assertThat(b.timeline().render(Long.MAX_VALUE, 4000))
        .isEqualTo(a.timeline().render(Long.MAX_VALUE, 4000));
  }

  private static long overlappingRuns(java.util.function.UnaryOperator<SimConfig> variant) {
    return LongStream.rangeClosed(1, SEEDS)
        .mapToObj(
            seed -> {
              SimConfig c = variant.apply(SimConfig.random(new Random(seed ^ 0x5DEECE66DL)));
              return new Simulation(seed, c).run();
            })
        .filter(r -> !r.checker().overlaps().isEmpty())
        .count();
  }
}
