package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounded caller tells a timeout from a call that timed out while the controller was not
 * running: on an injected clock, the frozen time shows as a gap beyond the call's limit.
 */
class MetastoreCallerTest {
  static final Duration LIMIT = Duration.ofMillis(50);
  static final long FROZEN = 15_000_000_000L;
  final ExecutorService pool = Executors.newSingleThreadExecutor();
  final CountDownLatch never = new CountDownLatch(1);
  final AtomicLong now = new AtomicLong(1_000_000_000_000L);
  final MetastoreCaller caller = MetastoreCaller.bounded(pool, LIMIT, now::get);

  @AfterEach
  void stop() {
    never.countDown();
    pool.shutdownNow();
  }

  /** A call that never answers; with {@code freeze}, 15 s pass on the clock while it waits. */
  Boolean hang(boolean freeze) throws MetastoreException {
    if (freeze) {
      now.addAndGet(FROZEN);
    }
    try {
      return never.await(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      throw new MetastoreException("interrupted");
    }
  }

  @Test
  void aCallThatTimesOutWhileTheControllerWasFrozenIsAStall() {
    MetastoreCaller.StalledCall stalled =
        catchThrowableOfType(
            () -> caller.call(() -> hang(true)), MetastoreCaller.StalledCall.class);
    assertThat(stalled).hasMessage("no answer within 50 ms");
    assertThat(stalled.gapNanos()).isEqualTo(FROZEN - LIMIT.toNanos());
  }

  @Test
  void aCallThatTimesOutOnTimeIsNoStall() {
    MetastoreException e =
        catchThrowableOfType(() -> caller.call(() -> hang(false)), MetastoreException.class);
    assertThat(e)
        .hasMessage("no answer within 50 ms")
        .isNotInstanceOf(MetastoreCaller.StalledCall.class);
  }
}
