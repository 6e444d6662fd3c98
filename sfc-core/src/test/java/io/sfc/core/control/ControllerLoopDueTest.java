package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A round steps only the services that are due, so that the metastore reads of a controller grow
 * with its services, not with its services squared; inbox work steps every service.
 */
class ControllerLoopDueTest extends LoopFixture {
  final ControllerLoop loop = new ControllerLoop("a", reporter, () -> now);

  @Override
  ControllerLoop loop() {
    return loop;
  }

  @Test
  void stepsOnlyDueServicesUnlessTheInboxHadWork() {
    ServiceController s1 = controller("s1");
    ServiceController s2 = controller("s2");
    loop.add(s1);
    loop.add(s2);

    loop.round();
    assertThat(reads).contains("s1", "s2");
    assertThat(s1.state().holding()).isTrue();
    assertThat(s2.state().holding()).isTrue();
    loop.round(); // the starts' callbacks arrive through the inbox

    reads.clear();
    now += 100 * MS;
    loop.round();
    assertThat(reads).as("nothing is due 100 ms later").isEmpty();

    loop.post(() -> {});
    loop.round();
    assertThat(reads).as("inbox work steps every service").contains("s1", "s2");

    reads.clear();
    now += 100 * MS;
    loop.round();
    assertThat(reads).isEmpty();
    now += s1.nanosUntilDue();
    loop.round();
    assertThat(reads).as("due again after the look interval").contains("s1", "s2");
  }

  @Test
  void aStandbyIsDueOnlyAfterItsLookInterval() throws MetastoreException {
    store.tryAcquire("s1", "b", Duration.ofSeconds(10));
    ServiceController s1 = controller("s1");
    loop.add(s1);

    loop.round();
    loop.round();
    assertThat(s1.state().holding()).isFalse();
    long wait = s1.nanosUntilDue();
    assertThat(wait).isPositive();

    reads.clear();
    now += wait / 2;
    loop.round();
    assertThat(reads).isEmpty();
    now += s1.nanosUntilDue();
    loop.round();
    assertThat(reads).containsExactly("s1");
  }
}
