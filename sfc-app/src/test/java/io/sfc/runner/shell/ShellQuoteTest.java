package io.sfc.runner.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Quoted values survive a real {@code sh -c} round trip unchanged. */
class ShellQuoteTest {

  private static final String[] PIECES = {
    " ", "'", "\"", "\\", "$", "$(id)", "`id`", "${HOME}", "*", "?", "[a]", ";", "&", "|", "<", ">",
    "(", ")", "{", "}", "#", "~", "!", "\n", "\t", "%s", "-n", "--", "é", "日本", "''", "\\'"
  };

  static Stream<Long> seeds() {
    return LongStream.range(0, 25).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void nastyValuesRoundTripThroughSh(long seed) throws Exception {
    Random r = new Random(seed);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(5); i++) {
      values.add(nasty(r));
    }

    assertThat(echoThroughSh(values)).as("seed %d", seed).isEqualTo(values);
  }

  @Test
  void emptyValueStaysAnArgument() throws Exception {
    assertThat(echoThroughSh(List.of("", "a", ""))).containsExactly("", "a", "");
  }

  @Test
  void nulIsRefused() {
    assertThatThrownBy(() -> ShellQuote.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }

  private static String nasty(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      sb.append(r.nextBoolean() ? PIECES[r.nextInt(PIECES.length)] : (char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  /** Runs {@code printf '%s\0' <quoted values>} with sh -c and splits its output at NUL. */
  private static List<String> echoThroughSh(List<String> values) throws Exception {
    String script = "printf '%s\\0' " + ShellQuote.join(values);
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    List<String> parts = new ArrayList<>(List.of(out.split("\0", -1)));
    parts.remove(parts.size() - 1);
    return parts;
  }
}
