package io.sfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.admin.StateSummary;
import io.sfc.admin.StateSummary.StoredFile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status line of a service's stored state files. */
class StatusTableStateLineTest {
  static final List<String> FIVE = List.of("s", "s.db", "s.dat", "s.dir", "s.bak");

  @Test
  void aServiceWithoutStateFilesHasNoLine() {
    assertThat(StatusTable.stateLine("beat", StateSummary.NONE)).isEmpty();
  }

  @Test
  void nothingStoredYet() {
    assertThat(StatusTable.stateLine("beat", new StateSummary(FIVE, List.of())))
        .hasValue("state beat: nothing stored yet");
  }

  @Test
  void storedCopiesNewestFirstWithAgeEpochAndSize() {
    StateSummary st =
        new StateSummary(
            FIVE,
            List.of(
                new StoredFile("s.dat", 3, 10, Duration.ofMillis(40_000)),
                new StoredFile("s.db", 4, 16384, Duration.ofMillis(2_500))));

    assertThat(StatusTable.stateLine("beat", st))
        .hasValue(
            "state beat: s.db stored 2.5s ago at epoch 4 (16384 bytes), s.dat stored 40.0s ago at"
                + " epoch 3 (10 bytes); 3 of 5 files never stored");
  }
}
