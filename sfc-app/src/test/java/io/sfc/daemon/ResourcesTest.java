package io.sfc.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ResourcesTest {
  final List<String> closed = new ArrayList<>();

  AutoCloseable named(String name) {
    return () -> closed.add(name);
  }

  @Test
  void closesInReverseOrderOfRegistration() {
    Resources r = new Resources();
    r.own(named("metastore"));
    r.own(named("ssh"));
    r.own(named("api"));

    r.close();

    assertThat(closed).containsExactly("api", "ssh", "metastore");
  }

  @Test
  void aFailureToCloseOneDoesNotKeepTheOthersOpen() {
    Resources r = new Resources();
    r.own(named("first"));
    r.own(
        () -> {
          throw new IllegalStateException("boom");
        });
    r.own(named("last"));

    r.close();

    assertThat(closed).containsExactly("last", "first");
  }

  @Test
  void closesOnlyOnce() {
    Resources r = new Resources();
    r.own(named("x"));

    r.close();
    r.close();

    assertThat(closed).containsExactly("x");
  }

  @Test
  void executorsAreEndedAndSchedulersToo() {
    Resources r = new Resources();
    ExecutorService pool = r.own("pool", Executors.newSingleThreadExecutor());
    var timer = r.scheduler("timer");

    r.close();

    assertThat(pool.isShutdown()).isTrue();
    assertThat(timer.isShutdown()).isTrue();
  }

  @Test
  void aDrainingExecutorFinishesItsQueuedTasksFirst() throws Exception {
    Resources r = new Resources();
    ExecutorService writer =
        r.ownDraining("writer", Executors.newSingleThreadExecutor(), Duration.ofSeconds(10));
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean queuedRan = new AtomicBoolean();
    writer.execute(
        () -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    writer.execute(() -> queuedRan.set(true));
    release.countDown();

    r.close();

    assertThat(queuedRan).isTrue();
    assertThat(writer.isTerminated()).isTrue();
  }
}
