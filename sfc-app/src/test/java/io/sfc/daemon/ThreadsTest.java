package io.sfc.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadsTest {
  /**
   * The action executor runs launches (fencing, SSH): however many are queued, none may run on the
   * submitting thread, which is the decision loop.
   */
  @Test
  void theActionExecutorNeverRunsAnActionOnTheSubmittingThread() throws Exception {
    ExecutorService actions = Threads.actions("test-actions", 1);
    CountDownLatch busy = new CountDownLatch(1);
    Set<String> ranOn = ConcurrentHashMap.newKeySet();
    try {
      actions.execute(() -> awaitQuietly(busy));
      for (int i = 0; i < 1_000; i++) {
        actions.execute(() -> ranOn.add(Thread.currentThread().getName()));
      }
      assertThat(ranOn).doesNotContain(Thread.currentThread().getName());
    } finally {
      busy.countDown();
      actions.shutdown();
      assertThat(actions.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(ranOn).isNotEmpty().allMatch(n -> n.startsWith("test-actions-"));
  }

  @Test
  void afterShutdownAnActionIsRejectedNotRunByTheCaller() {
    ExecutorService actions = Threads.actions("test-actions", 1);
    actions.shutdown();
    Set<String> ranOn = ConcurrentHashMap.newKeySet();

    assertThatThrownBy(() -> actions.execute(() -> ranOn.add("ran")))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(ranOn).isEmpty();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
