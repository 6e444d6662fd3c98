package io.sfc.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeds on which the simulator found bugs in the controller, kept so they stay fixed.
 *
 * <ul>
 *   <li>2, 4, 8: a pause between the start decision and the launch on the action executor; the
 *       launch used the watchdog budget computed at the decision, so a node resumed after another
 *       node had taken the lease and ran its service for a fresh budget (overlap).
 *   <li>291: with a launch slower than the renew deadline, the launch measured the budget from the
 *       deadline at the decision, ignoring renewals meanwhile; the shim killed each new instance,
 *       which counted as a crash (late recovery, needless step-down).
 *   <li>327: the first fix computed {@code Long.MIN_VALUE - now()} when no lease was held; it
 *       overflows when the monotonic clock reads negative (overlap).
 * </ul>
 */
class RegressionSeedsTest {
  private static final Logger SFC_LOG = Logger.getLogger("io.sfc");

  @BeforeAll
  static void quietLogs() {
    SFC_LOG.setLevel(Level.OFF);
  }

  /** Other test classes in this JVM must see the logging they configure, not this class's OFF. */
  @AfterAll
  static void restoreLogs() {
    SFC_LOG.setLevel(null);
  }

  @ParameterizedTest
  @ValueSource(longs = {2, 4, 8, 291, 327})
  void staysFixed(long seed) {
    SimResult r = Simulation.run(seed);
    assertThat(r.problems()).as(r::report).isEmpty();
  }
}
