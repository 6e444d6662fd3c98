package io.sfc.metastore.jdbc;

import java.util.Locale;

/** Turns JDBC URLs into text that is safe to log: no parameters, no user information. */
final class JdbcUrls {
  private JdbcUrls() {}

  /** The URL without its parameters and user information, e.g. {@code jdbc:mariadb://h:3306/db}. */
  static String redact(String url) {
    if (url == null) {
      return "null";
    }
    int colon = url.indexOf(':', "jdbc:".length());
    if (!url.startsWith("jdbc:") || colon < 0) {
      return "<unrecognised URL>";
    }
    return url.substring(0, colon + 1) + location(url.substring(colon + 1));
  }

  /** A short description, e.g. {@code mariadb 127.0.0.1:3306/sfc}. */
  static String describe(String url) {
    String redacted = redact(url);
    int colon = redacted.indexOf(':', "jdbc:".length());
    if (colon < 0) {
      return redacted;
    }
    String scheme = redacted.substring("jdbc:".length(), colon).toLowerCase(Locale.ROOT);
    String where = redacted.substring(colon + 1);
    return scheme + " " + (where.startsWith("//") ? where.substring(2) : where);
  }

  private static String location(String rest) {
    String s = cut(cut(rest, '?'), ';');
    int slashes = s.startsWith("//") ? 2 : 0;
    int hostEnd = s.indexOf('/', slashes);
    String authority = hostEnd < 0 ? s.substring(slashes) : s.substring(slashes, hostEnd);
    int at = authority.lastIndexOf('@');
    if (at < 0) {
      return s;
    }
    return s.substring(0, slashes)
        + authority.substring(at + 1)
        + (hostEnd < 0 ? "" : s.substring(hostEnd));
  }

  private static String cut(String s, char c) {
    int i = s.indexOf(c);
    return i < 0 ? s : s.substring(0, i);
  }
}
