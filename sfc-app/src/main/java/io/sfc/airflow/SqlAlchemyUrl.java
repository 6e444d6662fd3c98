package io.sfc.airflow;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Airflow's SQLAlchemy database URL ({@code dialect[+driver]://user:password@host:port/db
 * ?options}) into a JDBC URL for sfc's metastore, with notes on every option that has no JDBC
 * equivalent.
 *
 * @param jdbcUrl JDBC URL without credentials
 * @param user user name, or null
 * @param password password, or null
 * @param notes what was translated or left out, one sentence each
 */
public record SqlAlchemyUrl(String jdbcUrl, String user, String password, List<String> notes) {
  private static final Pattern URL =
      Pattern.compile(
          "^(?<dialect>[a-z0-9]+)(\\+(?<driver>[a-z0-9_]+))?://"
              + "((?<user>[^:@/]*)(:(?<password>[^@/]*))?@)?"
              + "(?<host>\\[[^\\]]+]|[^:/?]*)(:(?<port>\\d+))?"
              + "(/(?<db>[^?]*))?(\\?(?<query>.*))?$");

  /**
   * Parses {@code url}.
   *
   * @throws IllegalArgumentException with a message naming the problem and the fix
   */
  public static SqlAlchemyUrl parse(String url) {
    Matcher m = URL.matcher(url.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a SQLAlchemy URL (expected dialect[+driver]://user:password@host:port/database)");
    }
    String dialect = m.group("dialect").toLowerCase(Locale.ROOT);
    return switch (dialect) {
      case "mysql", "mariadb" -> build("mariadb", 3306, m, mysqlOptions(query(m)));
      case "postgresql", "postgres" -> build("postgresql", 5432, m, postgresOptions(query(m)));
      case "sqlite" ->
          throw new IllegalArgumentException(
              "SQLite is a file on one node and cannot coordinate several masters; use the MySQL or"
                  + " PostgreSQL database of a multi-node Airflow, or an sfc metastore of its own");
      default ->
          throw new IllegalArgumentException(
              "unsupported database '" + dialect + "'; sfc supports mysql, mariadb and postgresql");
    };
  }

  private static SqlAlchemyUrl build(String scheme, int defaultPort, Matcher m, Options o) {
    String host = m.group("host").isEmpty() ? "localhost" : m.group("host");
    int port = m.group("port") == null ? defaultPort : Integer.parseInt(m.group("port"));
    String db = m.group("db") == null ? "" : decode(m.group("db"));
    String jdbc = "jdbc:" + scheme + "://" + host + ":" + port + "/" + db + o.suffix();
    List<String> notes = new ArrayList<>(o.notes);
    if (m.group("driver") != null) {
      notes.add("the Python driver '" + m.group("driver") + "' is replaced by the JDBC driver");
    }
    return new SqlAlchemyUrl(
        jdbc, decodeOrNull(m.group("user")), decodeOrNull(m.group("password")), List.copyOf(notes));
  }

  /** JDBC options and notes collected from the URL's query string. */
  private record Options(Map<String, String> jdbc, List<String> notes) {
    Options() {
      this(new LinkedHashMap<>(), new ArrayList<>());
    }

    String suffix() {
      if (jdbc.isEmpty()) {
        return "";
      }
      List<String> parts = new ArrayList<>();
      jdbc.forEach((k, v) -> parts.add(k + "=" + v));
      return "?" + String.join("&", parts);
    }
  }

  private static Map<String, String> query(Matcher m) {
    Map<String, String> q = new LinkedHashMap<>();
    if (m.group("query") == null || m.group("query").isEmpty()) {
      return q;
    }
    for (String pair : m.group("query").split("&")) {
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      q.put(k, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return q;
  }

  private static Options mysqlOptions(Map<String, String> query) {
    Options o = new Options();
    query.forEach(
        (k, v) -> {
          switch (k) {
            case "charset", "binary_prefix", "use_unicode" ->
                o.notes.add(
                    "option " + k + "=" + v + " not needed: the JDBC driver always uses UTF-8");
            case "ssl_ca" -> {
              o.jdbc.put("sslMode", "verify-full");
              o.jdbc.put("serverSslCert", v);
            }
            case "ssl", "ssl_mode" -> o.jdbc.put("sslMode", v.isEmpty() ? "trust" : mysqlSsl(v));
            case "unix_socket" -> o.jdbc.put("localSocket", v);
            case "connect_timeout" -> o.jdbc.put("connectTimeout", seconds(v) + "000");
            default -> o.notes.add("option " + k + "=" + v + " has no JDBC equivalent; dropped");
          }
        });
    return o;
  }

  private static String mysqlSsl(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "disabled", "false", "0" -> "disable";
      case "verify_ca" -> "verify-ca";
      case "verify_identity" -> "verify-full";
      default -> "trust";
    };
  }

  private static Options postgresOptions(Map<String, String> query) {
    Options o = new Options();
    query.forEach(
        (k, v) -> {
          switch (k) {
            case "sslmode", "sslrootcert", "sslcert", "sslkey", "options" -> o.jdbc.put(k, v);
            case "connect_timeout" -> o.jdbc.put("connectTimeout", seconds(v));
            case "application_name" -> o.jdbc.put("ApplicationName", v);
            case "host" ->
                o.notes.add(
                    "host=" + v + " (a Unix socket) is not supported by the JDBC driver; use TCP");
            default -> o.notes.add("option " + k + "=" + v + " has no JDBC equivalent; dropped");
          }
        });
    return o;
  }

  private static String seconds(String v) {
    return v.matches("\\d+") ? v : "10";
  }

  private static String decodeOrNull(String s) {
    return s == null ? null : decode(s);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
