package io.sfc.daemon;

import io.sfc.core.control.LoopObserver;
import io.sfc.core.control.RoundTimes;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records the loop's round durations and logs their summary once a minute on its own thread. */
final class LoopStats implements LoopObserver {
  private static final Logger LOG = LoggerFactory.getLogger(LoopStats.class);

  /** How often the loop's round durations are logged. */
  static final long LOOP_STATS_SECONDS = 60;

  private final RoundTimes roundTimes = new RoundTimes();

  @Override
  public void roundCompleted(long startedNanos, long endedNanos, List<ServiceStatus> services) {
    roundTimes.record(endedNanos - startedNanos);
  }

  /**
   * Logs the summary every {@link #LOOP_STATS_SECONDS} on {@code timer}, which nothing else uses.
   */
  void logEvery(ScheduledExecutorService timer) {
    timer.scheduleAtFixedRate(this::log, LOOP_STATS_SECONDS, LOOP_STATS_SECONDS, TimeUnit.SECONDS);
  }

  private void log() {
    LOG.info("controller loop, last {} s: {}", LOOP_STATS_SECONDS, roundTimes.drain());
  }
}
