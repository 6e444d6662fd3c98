package io.sfc.reader;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or {@code 1.5s}.
 */
public final class Durations {

  public static final String FORMS = "write a number with a unit: 500ms, 10s, 1.5s, 5m, 1h or 30d";

  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
  private static final Pattern BARE = Pattern.compile("[-+]?\\d+(?:\\.\\d*)?");

  private Durations() {}

  /**
   * Parses one duration; zero and negative values are left to the caller to judge.
   *
   * @throws IllegalArgumentException with an actionable message
   */
  public static Duration parse(String text) {
    String t = text.trim();
    if (t.startsWith("-")) {
      return parse(t.substring(1)).negated();
    }
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(describe(t));
    }
    BigDecimal millis =
        new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitMillis(m.group(2))));
    try {
      return Duration.ofMillis(millis.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + t + "' is not a whole number of milliseconds or is too large; " + FORMS);
    }
  }

  private static String describe(String t) {
    if (BARE.matcher(t).matches()) {
      return "'" + t + "' has no unit, and a bare number is ambiguous; " + FORMS;
    }
    return "'" + t + "' is not a duration; " + FORMS + " (one unit, no spaces)";
  }

  private static long unitMillis(String unit) {
    switch (unit) {
      case "ms":
        return 1;
      case "s":
        return 1_000;
      case "m":
        return 60_000;
      case "d":
        return 86_400_000;
      default:
        return 3_600_000;
    }
  }
}
