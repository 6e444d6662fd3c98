package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.port.MetastoreException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A controller that was frozen (SIGSTOP) past its deadline: on a manual clock that jumps while the
 * loop waits, the resumed loop records that it did not run, not that the metastore failed to
 * answer, and still fences itself as before.
 */
class ControllerLoopStallTest extends LoopFixture {
  static final long FROZEN = 15_000 * MS;
  ControllerLoop loop;

  /** Metastore calls that still fail for want of an answer. */
  final AtomicInteger failing = new AtomicInteger();

  @Override
  ControllerLoop loop() {
    return loop;
  }

  /** A waiter that waits as asked, except that its {@code frozenAt}-th wait lasts 15 s longer. */
  ControllerLoop.Waiter freezingAt(int frozenAt, int failures) {
    return waiter(
        (n, nanos) -> {
          now += nanos;
          if (n == frozenAt) {
            now += FROZEN;
            failing.set(failures);
          }
          if (n == frozenAt + 3) {
            loop.shutdown();
          }
          return null;
        });
  }

  /** A waiter that waits as asked; the metastore call after its {@code frozenAt}-th wait stalls. */
  ControllerLoop.Waiter stallingACallAt(int frozenAt) {
    return waiter(
        (n, nanos) -> {
          now += nanos;
          if (n == frozenAt) {
            stallNext = true;
          }
          if (n == frozenAt + 3) {
            loop.shutdown();
          }
          return null;
        });
  }

  /** True when the next metastore call stalls: the controller is frozen while it waits. */
  boolean stallNext;

  List<String> eventsOf(int frozenAt, int failures) {
    return eventsOf(freezingAt(frozenAt, failures));
  }

  List<String> eventsOf(ControllerLoop.Waiter waiter) {
    caller =
        new MetastoreCaller() {
          @Override
          public <T> T call(Call<T> call) throws MetastoreException {
            if (stallNext) {
              stallNext = false;
              now += 2_000 * MS + FROZEN;
              throw new StalledCall("no answer within 2000 ms", FROZEN);
            }
            if (failing.getAndDecrement() > 0) {
              throw new MetastoreException("no answer within 2000 ms");
            }
            return call.run();
          }
        };
    loop = new ControllerLoop("a", reporter, () -> now, waiter);
    loop.add(controller("s1"));
    loop.run();
    return log.recent(100).stream()
        .filter(e -> !e.kind().equals(EventKind.CONTROLLER_STARTED))
        .map(ControllerLoopStallTest::line)
        .toList();
  }

  static String line(Event e) {
    return e.kind() + ": " + e.reason();
  }

  @Test
  void aFrozenControllerRecordsTheStallNotTheMetastoreAndStillFencesItself() {
    List<String> events = eventsOf(3, 1);
    assertThat(events)
        .filteredOn(e -> e.startsWith("CONTROLLER_STALLED") || e.startsWith("SELF_FENCED"))
        .hasSize(2)
        .first()
        .isEqualTo(
            "CONTROLLER_STALLED: controller did not run for 15.0 s (stopped, starved or paused);"
                + " not a metastore problem");
    assertThat(events).noneMatch(e -> e.startsWith("METASTORE_UNREACHABLE"));
  }

  @Test
  void aMetastoreThatStillDoesNotAnswerAfterTheStallIsRecordedAsUnreachable() {
    List<String> events = eventsOf(3, 2);
    assertThat(events)
        .filteredOn(e -> e.startsWith("CONTROLLER_STALLED") || e.startsWith("METASTORE_"))
        .extracting(e -> e.substring(0, e.indexOf(':')))
        .startsWith("CONTROLLER_STALLED", "METASTORE_UNREACHABLE");
  }

  @Test
  void aCallThatTimedOutWhileTheControllerWasFrozenIsRecordedAsTheStall() {
    List<String> events = eventsOf(stallingACallAt(3));
    assertThat(events)
        .filteredOn(e -> e.startsWith("CONTROLLER_STALLED") || e.startsWith("SELF_FENCED"))
        .extracting(e -> e.substring(0, e.indexOf(':')))
        .containsExactly("CONTROLLER_STALLED", "SELF_FENCED");
    assertThat(events).noneMatch(e -> e.startsWith("METASTORE_UNREACHABLE"));
  }
}
