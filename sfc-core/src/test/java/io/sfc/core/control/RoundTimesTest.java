package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoundTimesTest {

  @Test
  void summarizesTheRoundsSinceTheLastDrainAndStartsOver() {
    RoundTimes t = new RoundTimes();
    for (long i = 1; i <= 100; i++) {
      t.record(i * 1_000_000);
    }
    RoundTimes.Summary s = t.drain();
    assertThat(s)
        .isEqualTo(new RoundTimes.Summary(100, 50_000_000, 90_000_000, 99_000_000, 100_000_000));
    assertThat(s.toString())
        .isEqualTo("100 rounds, duration p50 50.00 ms, p90 90.00 ms, p99 99.00 ms, max 100.00 ms");
    assertThat(t.drain()).isEqualTo(new RoundTimes.Summary(0, 0, 0, 0, 0));
  }

  @Test
  void keepsTheMostRecentRoundsButCountsAllAndTheirMaximum() {
    RoundTimes t = new RoundTimes();
    t.record(1_000_000_000);
    for (int i = 0; i < RoundTimes.CAPACITY; i++) {
      t.record(1);
    }
    RoundTimes.Summary s = t.drain();
    assertThat(s.rounds()).isEqualTo(RoundTimes.CAPACITY + 1);
    assertThat(s.p99()).isEqualTo(1);
    assertThat(s.max()).isEqualTo(1_000_000_000);
  }
}
