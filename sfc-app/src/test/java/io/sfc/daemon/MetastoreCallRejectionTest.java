package io.sfc.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.core.control.MetastoreCaller;
import io.sfc.core.port.MetastoreException;
import io.sfc.time.SystemTime;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The metastore-call pool as the daemon builds it: when its thread hangs in calls that timed out
 * and ignore their interrupt, the queue fills with their cancelled tasks; the next call must fail
 * as a metastore error, not run on the calling thread (the decision loop) without a time limit.
 */
class MetastoreCallRejectionTest {
  private static final Duration TIMEOUT = Duration.ofMillis(50);

  @Test
  void aCallBeyondAFullQueueIsAMetastoreErrorNeverRunByTheCaller() throws Exception {
    ExecutorService pool = Threads.metastoreCalls();
    MetastoreCaller caller = MetastoreCaller.bounded(pool, TIMEOUT, SystemTime.MONOTONIC);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> ranOn = ConcurrentHashMap.newKeySet();
    String loop = Thread.currentThread().getName();
    try {
      for (int i = 0; i <= Threads.METASTORE_QUEUE; i++) { // one holds the thread, 64 queue
        assertThatThrownBy(() -> caller.call(() -> hang(release)))
            .isInstanceOf(MetastoreException.class)
            .hasMessage("no answer within 50 ms");
      }
      assertThatThrownBy(() -> caller.call(() -> ranOn.add(Thread.currentThread().getName())))
          .isInstanceOf(MetastoreException.class)
          .hasMessage("metastore call not run: sfc-metastore rejected a task: 64 tasks queued");
      assertThat(ranOn).doesNotContain(loop);
      assertThat(Threads.rejected(pool)).isEqualTo(1);
    } finally {
      release.countDown();
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * A call stuck in I/O that does not end when interrupted, until {@code release} (at most 10 s).
   */
  private static boolean hang(CountDownLatch release) {
    for (int i = 0; i < 1_000 && release.getCount() > 0; i++) {
      try {
        release.await(10, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        // ignored, like a socket read that an interrupt does not end
      }
    }
    return true;
  }
}
