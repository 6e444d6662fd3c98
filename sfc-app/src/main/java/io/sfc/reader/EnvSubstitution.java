package io.sfc.reader;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in a string; {@code $$} is a literal dollar.
 * As in the shell, the default is used when the variable is unset or empty. A {@code $} followed by
 * anything else is kept as it is.
 */
public final class EnvSubstitution {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> env;
  private final Set<String> referenced = new TreeSet<>();

  public EnvSubstitution(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * Expands one value.
   *
   * @throws IllegalArgumentException with an actionable message when a variable is undefined or a
   *     reference is malformed
   */
  public String apply(String text) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      i = step(text, i, out);
    }
    return out.toString();
  }

  private int step(String text, int i, StringBuilder out) {
    char c = text.charAt(i);
    char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
    if (c == '$' && next == '$') {
      out.append('$');
      return i + 2;
    }
    if (c == '$' && next == '{') {
      int close = text.indexOf('}', i + 2);
      if (close < 0) {
        throw new IllegalArgumentException(
            "'${' has no closing '}'; write ${NAME} or ${NAME:-default}, or $$ for a literal $");
      }
      out.append(expand(text.substring(i + 2, close)));
      return close + 1;
    }
    out.append(c);
    return i + 1;
  }

  /** Every variable name referenced so far, whether set or not. */
  public Set<String> referenced() {
    return Set.copyOf(referenced);
  }

  private String expand(String reference) {
    int sep = reference.indexOf(":-");
    String name = sep < 0 ? reference : reference.substring(0, sep);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'${"
              + reference
              + "}' is not a valid reference; write ${NAME} or ${NAME:-default} where NAME is"
              + " letters, digits and _ (not starting with a digit), or $$ for a literal $");
    }
    referenced.add(name);
    String value = env.get(name);
    if (value != null && !(sep >= 0 && value.isEmpty())) {
      return value;
    }
    if (sep >= 0) {
      return reference.substring(sep + 2);
    }
    throw new IllegalArgumentException(
        "environment variable "
            + name
            + " is not set; set it in the controller's environment, or give a default with ${"
            + name
            + ":-value}");
  }
}
