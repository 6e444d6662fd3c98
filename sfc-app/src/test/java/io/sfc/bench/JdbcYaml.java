package io.sfc.bench;

import java.util.List;

/** The {@code metastore:} lines of a JDBC backend. */
public final class JdbcYaml {
  private JdbcYaml() {}

  public static List<String> of(String url, String user, String password) {
    return List.of(
        "  type: jdbc",
        "  url: '" + url + "'",
        "  user: '" + user + "'",
        "  password: '" + password + "'");
  }
}
