package io.sfc.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvSubstitutionTest {

  private final EnvSubstitution subst =
      new EnvSubstitution(Map.of("USER", "airflow", "EMPTY", "", "PORT", "3306"));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "plain | plain",
        "${USER} | airflow",
        "jdbc:x://h:${PORT}/db | jdbc:x://h:3306/db",
        "${MISSING:-fallback} | fallback",
        "${EMPTY:-fallback} | fallback",
        "${USER:-fallback} | airflow",
        "${MISSING:-} | ''",
        "${EMPTY} | ''",
        "$$ | $",
        "$${USER} | ${USER}",
        "a$b | a$b",
        "cost: $5 | cost: $5",
        "trailing $ | trailing $",
        "${USER}${PORT} | airflow3306"
      })
  void expands(String text, String expected) {
    assertThat(subst.apply(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "${MISSING} | environment variable MISSING is not set",
        "${USER | has no closing '}'",
        "${} | is not a valid reference",
        "${1A} | is not a valid reference",
        "${A-b} | is not a valid reference"
      })
  void rejects(String text, String phrase) {
    assertThatThrownBy(() -> subst.apply(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(phrase);
  }
}
