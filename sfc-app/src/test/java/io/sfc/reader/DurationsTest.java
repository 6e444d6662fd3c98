package io.sfc.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, 500",
    "10s, 10000",
    "1.5s, 1500",
    "0.25s, 250",
    "5m, 300000",
    "1h, 3600000",
    "30d, 2592000000",
    "0s, 0",
    "-2s, -2000"
  })
  void parses(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10 | a bare number is ambiguous",
        "1.5 | a bare number is ambiguous",
        "10 s | is not a duration",
        "10sec | is not a duration",
        "5w | is not a duration",
        "1m30s | is not a duration",
        "abc | is not a duration",
        "1.0005s | is not a whole number of milliseconds",
        "99999999999999999h | too large"
      })
  void rejects(String text, String phrase) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(phrase)
        .hasMessageContaining("500ms, 10s, 1.5s, 5m, 1h or 30d");
  }
}
