package io.sfc.secret;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The one masking mechanism for every output of sfc (check-config, doctor, status, the API, logs
 * and error messages): passwords inside URLs ({@code scheme://user:pass@host}, {@code
 * ?password=...}, {@code ;password=...}) and every secret value the configuration loader read
 * (passwords, tokens, keystore passwords, whether inline, from {@code ${VAR}} or from a {@code
 * *_file}) are replaced by {@value #MASK}.
 *
 * <p>The remembered values are process-wide because logging (a logback converter) has no other way
 * to reach them; they only grow, and a value shorter than {@value #MIN_LENGTH} characters is not
 * remembered (masking it would garble ordinary text).
 */
public final class Secrets {

  /** What a secret is replaced by. */
  public static final String MASK = "***";

  static final int MIN_LENGTH = 4;

  private static final Pattern USERINFO =
      Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/@:\\s\"']*:)[^/@\\s\"']*@");
  private static final Pattern OPTION =
      Pattern.compile(
          "(?i)((?:^|[?&;\\s,\"'{(])(?:password|passwd|pwd|secret|token|api_key|apikey)=)"
              + "[^&;\\s\"',)}]*");
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  private Secrets() {}

  /**
   * Remembers a secret value so that {@link #mask} hides it wherever it appears; null is ignored.
   */
  public static void remember(String value) {
    if (value != null && value.length() >= MIN_LENGTH) {
      KNOWN.add(value);
    }
  }

  /** {@code text} with URL passwords and every remembered secret value masked; null stays null. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = USERINFO.matcher(text).replaceAll("$1" + MASK + "@");
    s = OPTION.matcher(s).replaceAll("$1" + MASK);
    return known(s);
  }

  private static String known(String text) {
    if (KNOWN.isEmpty()) {
      return text;
    }
    List<String> longestFirst =
        KNOWN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    String s = text;
    for (String v : longestFirst) {
      s = s.replace(v, MASK);
    }
    return s;
  }
}
