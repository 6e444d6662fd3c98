package io.sfc.config;

import io.sfc.reader.Section;
import java.util.regex.Pattern;

/** The rule for cluster names, node ids and service names. */
final class Names {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

  /**
   * The longest name accepted: the SQL backends keep names in VARCHAR(200) columns, some of which
   * hold composed keys, and ZooKeeper and etcd use them in paths; 64 fits every backend with room,
   * and one limit for all lets a cluster move between backends.
   */
  static final int MAX_LENGTH = 64;

  private Names() {}

  /** Reads a required name and checks its characters; null after reporting. */
  static String required(Section s, String key, String what, String fix) {
    String v = s.requiredString(key, fix);
    return v == null ? null : check(s, key, v, what);
  }

  /** Checks a name's characters; null after reporting. */
  static String check(Section s, String key, String value, String what) {
    if (value.length() > MAX_LENGTH) {
      s.report(
          key,
          "is "
              + value.length()
              + " characters long; a "
              + what
              + " may have at most "
              + MAX_LENGTH
              + " (one limit for every metastore backend, which store names in keys and columns of bounded size); use a shorter name");
      return null;
    }
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
