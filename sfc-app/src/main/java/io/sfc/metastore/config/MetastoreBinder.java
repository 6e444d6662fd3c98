package io.sfc.metastore.config;

import io.sfc.reader.Node;
import io.sfc.reader.SecretKeys;
import io.sfc.reader.Section;
import java.nio.file.Path;
import java.util.List;

/** Reads the {@code metastore:} section into a {@link MetastoreConfig}. */
public final class MetastoreBinder {

  static final List<String> KEYS =
      List.of("type", "path", "url", "hosts", "root", "endpoints", "user", "password", "tls");
  static final List<String> SCHEMES =
      List.of("jdbc:mariadb:", "jdbc:mysql:", "jdbc:postgresql:", "jdbc:h2:");
  private static final String EXAMPLE =
      "type: h2 and path: /var/lib/sfc/meta, or type: jdbc and url:"
          + " jdbc:mariadb://db:3306/sfc";

  private static final String JDBC_TLS =
      "put the TLS options in url:, e.g. ?sslMode=verify-full&serverSslCert=/etc/sfc/db-ca.pem"
          + " (MariaDB) or ?sslmode=verify-full&sslrootcert=/etc/sfc/db-ca.pem (PostgreSQL)";

  private MetastoreBinder() {}

  /** The metastore, or null when problems were reported. */
  public static MetastoreConfig bind(Section root, Path baseDir) {
    Node node = root.require("metastore", "add a metastore: section with " + EXAMPLE);
    if (node == null) {
      return null;
    }
    Section s = Section.of(node, root.problems(), KEYS);
    String type = s.requiredString("type", "set type: h2, jdbc, zookeeper or etcd");
    if (type == null) {
      return null;
    }
    switch (type) {
      case "h2":
        onlyFor(s, "h2", "hosts", "root", "endpoints", "tls");
        return h2(s, baseDir);
      case "jdbc":
        onlyFor(s, "jdbc", "hosts", "root", "endpoints");
        notFor(s, "tls", "jdbc", JDBC_TLS);
        return jdbc(s);
      case "zookeeper":
        onlyFor(s, "zookeeper", "path", "url", "endpoints");
        return ZooKeeperSettings.bind(s, baseDir);
      case "etcd":
        onlyFor(s, "etcd", "path", "url", "hosts", "root");
        return EtcdSettings.bind(s, baseDir);
      default:
        s.report(
            "type",
            "'"
                + type
                + "' is not a supported metastore type; use h2 (a local file, for one machine or"
                + " a trial), jdbc (MariaDB, MySQL, PostgreSQL or an H2 server), zookeeper or"
                + " etcd");
        return null;
    }
  }

  /** Reports each of {@code keys} that is set, since it does not apply to {@code type}. */
  private static void onlyFor(Section s, String type, String... keys) {
    for (String key : keys) {
      if (s.get(key) != null) {
        s.report(key, "is not used with type " + type + "; remove it or change type");
      }
    }
  }

  private static MetastoreConfig h2(Section s, Path baseDir) {
    notFor(s, "url", "h2", "give path: instead, or set type: jdbc");
    String path =
        s.requiredString(
            "path", "give the database file for type h2, e.g. path: /var/lib/sfc/meta");
    if (path == null) {
      return null;
    }
    if (path.contains(";") || path.endsWith(".mv.db") || path.isBlank()) {
      s.report(
          "path",
          "'"
              + path
              + "' is not a usable H2 file path; give the path without the .mv.db suffix (H2 adds"
              + " it) and without ';'");
      return null;
    }
    String abs = baseDir.resolve(path).normalize().toString();
    String user = s.string("user");
    String password = SecretKeys.string(s, "password");
    return MetastoreConfig.jdbc(
        "jdbc:h2:file:" + abs + ";AUTO_SERVER=TRUE",
        user == null ? "sa" : user,
        password == null ? "" : password);
  }

  private static MetastoreConfig jdbc(Section s) {
    notFor(s, "path", "jdbc", "put the database location in url:, or set type: h2");
    String url =
        s.requiredString(
            "url", "give the JDBC URL of the database, e.g. url: jdbc:mariadb://db:3306/sfc");
    if (url == null) {
      return null;
    }
    if (SCHEMES.stream().noneMatch(url::startsWith)) {
      s.report(
          "url",
          "'"
              + scheme(url)
              + "...' is not a supported database URL; use a URL starting with "
              + String.join(", ", SCHEMES));
      return null;
    }
    return MetastoreConfig.jdbc(url, s.string("user"), SecretKeys.string(s, "password"));
  }

  private static void notFor(Section s, String key, String type, String fix) {
    if (s.get(key) != null) {
      s.report(key, "is not used with type " + type + "; " + fix);
    }
  }

  /** The URL up to its second ':', so a password in the URL never reaches a message. */
  private static String scheme(String url) {
    int first = url.indexOf(':');
    int second = first < 0 ? -1 : url.indexOf(':', first + 1);
    return second < 0 ? url.substring(0, Math.min(url.length(), 20)) : url.substring(0, second + 1);
  }
}
