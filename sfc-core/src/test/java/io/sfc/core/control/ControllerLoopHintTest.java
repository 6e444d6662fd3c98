package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Lease;
import io.sfc.core.port.ChangeWatch;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hint of the metastore's change watch makes the services it names due at once: they read in the
 * next round, and decide from that read by the usual rules. A hint never renews, acquires or stops
 * by itself.
 */
class ControllerLoopHintTest extends LoopFixture {
  ControllerLoop loop = new ControllerLoop("a", reporter, () -> now);
  final List<Lease> heldByB = new ArrayList<>();

  @Override
  ControllerLoop loop() {
    return loop;
  }

  /** Two standbys (node b holds both leases) that have just read, so neither is due. */
  void twoStandbysThatJustRead() throws MetastoreException {
    for (String s : List.of("s1", "s2")) {
      heldByB.add(store.tryAcquire(s, "b", Duration.ofSeconds(10)).orElseThrow());
      loop.add(controller(s));
    }
    loop.round();
    now += 100 * MS;
    loop.round();
    reads.clear();
  }

  static Stream<Arguments> hints() {
    return Stream.of(
        Arguments.of(List.of(), List.of()),
        Arguments.of(List.of("s1"), List.of("s1")),
        Arguments.of(List.of("s2", "s2", "s2"), List.of("s2")),
        Arguments.of(List.of(ChangeWatch.ALL), List.of("s1", "s2")),
        Arguments.of(List.of("s1", ChangeWatch.ALL), List.of("s1", "s2")),
        Arguments.of(List.of("s1", "s2"), List.of("s1", "s2")),
        Arguments.of(List.of("not-here"), List.of()));
  }

  @ParameterizedTest(name = "hints {0} read {1}")
  @MethodSource("hints")
  void aHintMakesTheServicesItNamesReadInTheNextRound(List<String> hints, List<String> read)
      throws MetastoreException {
    twoStandbysThatJustRead();
    hints.forEach(loop::hint);
    loop.round();
    assertThat(reads).containsExactlyElementsOf(read);
    reads.clear();
    loop.round();
    assertThat(reads).as("a hint is consumed by the round that reads").isEmpty();
  }

  @Test
  void aStandbyHintedAfterTheReleaseAcquiresBeforeItsPollIsDue() throws MetastoreException {
    twoStandbysThatJustRead();
    store.release(heldByB.get(0));
    loop.round();
    assertThat(loop.services().get(0).state().holding()).as("not due: no read yet").isFalse();

    loop.hint("s1");
    loop.round();
    assertThat(loop.services().get(0).state().holding()).isTrue();
  }

  @Test
  void aHintToTheHolderReadsButRenewsOnlyWhenDue() {
    loop.add(controller("s1"));
    loop.round();
    loop.round();
    assertThat(loop.services().get(0).state().holding()).isTrue();
    renewals.clear();
    reads.clear();

    now += 100 * MS;
    loop.hint("s1");
    loop.round();
    assertThat(reads).containsExactly("s1");
    assertThat(renewals).as("the renewal is not due for another 900 ms").isEmpty();
  }

  @Test
  void aBurstOfHintsEndsTheWaitOnceAndStepsOnlyTheHintedService() throws MetastoreException {
    List<Integer> queuedAfterTheWake = new ArrayList<>();
    List<List<String>> readPerRound = new ArrayList<>();
    loop = new ControllerLoop("a", reporter, () -> now, waiter(queuedAfterTheWake));
    twoStandbysThatJustRead();
    loop.addObserver(
        (started, ended, statuses) -> {
          readPerRound.add(List.copyOf(reads));
          reads.clear();
        });
    loop.run();
    assertThat(queuedAfterTheWake).as("one wake for three hints").containsExactly(0);
    assertThat(readPerRound.get(0)).as("the first round of run(): nothing due").isEmpty();
    assertThat(readPerRound.get(1)).as("the round the hints woke").containsExactly("s1");
  }

  /**
   * On its first wait hints s1 three times and returns the wake it finds queued, recording what
   * else is queued; then shuts the loop down.
   */
  private ControllerLoop.Waiter waiter(List<Integer> queuedAfterTheWake) {
    return new ControllerLoop.Waiter() {
      boolean woke;

      @Override
      public Runnable await(BlockingQueue<Runnable> inbox, long nanos) {
        if (!woke) {
          woke = true;
          List.of(1, 2, 3).forEach(i -> loop.hint("s1"));
          Runnable wake = inbox.poll();
          queuedAfterTheWake.add(inbox.size());
          return wake;
        }
        if (inbox.isEmpty()) {
          loop.shutdown();
        }
        return inbox.poll();
      }
    };
  }
}
