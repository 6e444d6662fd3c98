package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Timings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ControllerLoop#run()} with an injected {@link ControllerLoop.Waiter} on a manual clock:
 * the loop waits exactly until its first service is due, and a task that ends the wait steps every
 * service in the round it starts.
 */
class ControllerLoopWaitTest extends LoopFixture {
  ControllerLoop loop;

  @Override
  ControllerLoop loop() {
    return loop;
  }

  void add(String service) {
    loop.add(controller(service));
  }

  @Test
  void waitsUntilTheFirstServiceIsDue() {
    loop =
        new ControllerLoop(
            "a",
            reporter,
            () -> now,
            waiter(
                (n, nanos) -> {
                  now += nanos;
                  if (n == 6) {
                    loop.shutdown();
                  }
                  return null;
                }));
    add("s1");
    loop.run();
    long look = Timings.DEFAULTS.renewInterval().toNanos() / 2;
    assertThat(waits.subList(0, 5)).containsOnly(look);
    assertThat(loop.services().get(0).isDone()).isTrue();
  }

  @Test
  void aTaskThatEndsTheWaitStepsEveryService() {
    List<String> readInTheWokenRound = new ArrayList<>();
    loop =
        new ControllerLoop(
            "a",
            reporter,
            () -> now,
            waiter(
                (n, nanos) -> {
                  if (n == 1) {
                    now += nanos / 2; // nothing is due yet
                    reads.clear();
                    return () -> {};
                  }
                  if (n == 2) {
                    readInTheWokenRound.addAll(reads);
                    loop.shutdown();
                  }
                  now += nanos;
                  return null;
                }));
    add("s1");
    add("s2");
    loop.run();
    assertThat(readInTheWokenRound).containsExactly("s1", "s2");
  }
}
