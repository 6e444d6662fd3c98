package io.sfc.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestTest {

  @ParameterizedTest
  @CsvSource(
      value = {
        "lease_tll, lease_ttl",
        "leaseTtl, lease_ttl",
        "lease-ttl, lease_ttl",
        "renew_intervall, renew_interval",
        "safety, ''",
        "port, ''"
      },
      emptyValue = "")
  void suggestsOnlyLikelyTypos(String typo, String expected) {
    List<String> known =
        List.of("lease_ttl", "renew_interval", "renew_deadline", "stop_timeout", "host", "id");
    String got = Suggest.closest(typo, known);
    assertThat(got == null ? "" : got).isEqualTo(expected);
  }
}
