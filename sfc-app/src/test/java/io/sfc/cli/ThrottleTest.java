package io.sfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {
  @Test
  void firesFirstThenAtMostOncePerInterval() {
    AtomicLong now = new AtomicLong(5);
    Throttle t = new Throttle(now::get, Duration.ofMinutes(1));

    assertThat(t.ready()).isTrue();
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(t.ready()).isFalse();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(t.ready()).isTrue();
    assertThat(t.ready()).isFalse();
  }
}
