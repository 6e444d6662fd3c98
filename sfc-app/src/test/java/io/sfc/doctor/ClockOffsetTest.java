package io.sfc.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockOffsetTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void remoteReadingIsTakenAtTheMidpointOfTheRoundTrip() {
    ClockOffset o = ClockOffset.measure(T, T.plusMillis(1_100), T.plusMillis(200), Duration.ZERO);
    assertThat(o.offset()).isEqualTo(Duration.ofMillis(1_000));
    assertThat(o.uncertainty()).isEqualTo(Duration.ofMillis(100));
    assertThat(o.atLeast()).isEqualTo(Duration.ofMillis(900));
    assertThat(o.describe()).isEqualTo("+1.000s (±0.100s)");
  }

  @Test
  void aWholeSecondReadingAddsHalfASecondEachWay() {
    ClockOffset o = ClockOffset.measure(T, T.minusSeconds(5), T, Duration.ofSeconds(1));
    assertThat(o.offset()).isEqualTo(Duration.ofMillis(-4_500));
    assertThat(o.uncertainty()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void judgedPassWarnOrFailAgainstTheBound() {
    Duration max = Duration.ofSeconds(2);
    assertThat(off(300, 10).judge("c", "s", max, "x").status()).isEqualTo(Finding.Status.PASS);
    assertThat(off(1_800, 500).judge("c", "s", max, "x").status()).isEqualTo(Finding.Status.WARN);
    Finding f = off(-3_000, 500).judge("c", "s", max, "x");
    assertThat(f.status()).isEqualTo(Finding.Status.FAIL);
    assertThat(f.detail()).contains("-3.000s (±0.500s)").contains("bound 2.000s");
    assertThat(f.fix()).contains("NTP");
  }

  private static ClockOffset off(long ms, long uncertaintyMs) {
    return new ClockOffset(Duration.ofMillis(ms), Duration.ofMillis(uncertaintyMs));
  }
}
