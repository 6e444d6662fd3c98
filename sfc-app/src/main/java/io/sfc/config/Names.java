package io.sfc.config;

import java.util.regex.Pattern;

/** The rule for cluster names, node ids and service names. */
final class Names {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

  private Names() {}

  /** Reads a required name and checks its characters; null after reporting. */
  static String required(Section s, String key, String what, String fix) {
    String v = s.requiredString(key, fix);
    return v == null ? null : check(s, key, v, what);
  }

  /** Checks a name's characters; null after reporting. */
  static String check(Section s, String key, String value, String what) {
    if (ID.matcher(value).matches()) {
      return value;
    }
    s.report(
        key,
        "'"
            + value
            + "' is not a valid "
            + what
            + "; use only letters, digits, '_', '.' and '-' (no spaces)");
    return null;
  }
}
