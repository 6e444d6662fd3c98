package io.sfc.lb;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code SSLProxyProtocol} as mod_ssl parses it ({@code ssl_cmd_protocol_parse}): words applied in
 * order, {@code +P} adds, {@code -P} removes, a bare word replaces what came before; {@code all}
 * means SSLv3 to TLSv1.3. Absent, httpd uses {@code all -SSLv3}.
 */
public final class SslProtocols {
  static final List<String> ALL = List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  /** Protocols both httpd's OpenSSL 3 (Debian, security level 2) and this JDK will negotiate. */
  static final Set<String> TESTABLE = Set.of("TLSv1.2", "TLSv1.3");

  private SslProtocols() {}

  /**
   * The protocols enabled by a directive value.
   *
   * @param value the words after SSLProxyProtocol, null for the default
   * @throws IllegalArgumentException naming the word httpd refuses
   */
  public static Set<String> enabled(String value) {
    Set<String> out = new LinkedHashSet<>();
    for (String word : (value == null ? "all -SSLv3" : value).trim().split("\\s+")) {
      if (word.isEmpty()) {
        throw new IllegalArgumentException("no protocol given (use all, TLSv1.2, TLSv1.3)");
      }
      char action = word.charAt(0) == '+' || word.charAt(0) == '-' ? word.charAt(0) : 0;
      List<String> these = protocols(action == 0 ? word : word.substring(1));
      if (action == '-') {
        out.removeAll(these);
      } else {
        if (action == 0) {
          out.clear();
        }
        out.addAll(these);
      }
    }
    return out;
  }

  private static List<String> protocols(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (w.equals("all")) {
      return ALL;
    }
    return ALL.stream()
        .filter(p -> p.toLowerCase(Locale.ROOT).equals(w))
        .findFirst()
        .map(List::of)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Illegal protocol '" + word + "' (use all, TLSv1.2, TLSv1.3 with + or -)"));
  }

  /** The enabled protocols a check can offer: those of {@link #TESTABLE}. */
  public static Set<String> offered(String value) {
    Set<String> out = new LinkedHashSet<>(enabled(value));
    out.retainAll(TESTABLE);
    return out;
  }
}
