package io.sfc.metastore.config;

import io.sfc.metastore.MetastoreTls;
import io.sfc.reader.SecretKeys;
import io.sfc.reader.Section;

/**
 * Reads the settings of a {@code type: zookeeper} metastore; with {@code tls:} the hosts are the
 * servers' {@code secureClientPort}s.
 */
final class ZooKeeperSettings {
  private static final String HOST_PORT = "[A-Za-z0-9._\\[\\]:-]+:[0-9]{1,5}";

  private ZooKeeperSettings() {}

  /** The ZooKeeper metastore, or null when problems were reported. */
  static MetastoreConfig bind(Section s, java.nio.file.Path baseDir) {
    String hosts =
        s.requiredString(
            "hosts",
            "give the ZooKeeper servers as host:port pairs, e.g. hosts: \"h1:2181,h2:2181\"");
    String root = s.string("root");
    boolean ok = hosts != null && validHosts(s, hosts);
    ok &= root == null || validRoot(s, root);
    if (!ok) {
      return null;
    }
    String user = s.string("user");
    String password = SecretKeys.string(s, "password");
    if (password != null && user == null) {
      s.report("password", "is set without user; give user: for ZooKeeper digest authentication");
      return null;
    }
    MetastoreConfig plain =
        MetastoreConfig.zookeeper(
            hosts, root == null ? MetastoreConfig.DEFAULT_ROOT : root, user, password);
    Section tls = s.section("tls", MetastoreTlsSettings.KEYS);
    if (tls == null) {
      return plain;
    }
    MetastoreTls t = MetastoreTlsSettings.bind(tls, baseDir);
    return t == null ? null : plain.withTls(t);
  }

  private static boolean validHosts(Section s, String hosts) {
    for (String hostPort : hosts.split(",", -1)) {
      if (!hostPort.trim().matches(HOST_PORT)) {
        s.report(
            "hosts",
            "'"
                + hostPort.trim()
                + "' is not host:port; list the ZooKeeper servers as host:port pairs separated by"
                + " commas, e.g. \"h1:2181,h2:2181\"");
        return false;
      }
    }
    return true;
  }

  private static boolean validRoot(Section s, String root) {
    if (!root.startsWith("/") || root.length() < 2 || root.endsWith("/") || root.contains("//")) {
      s.report(
          "root",
          "'"
              + root
              + "' is not a ZooKeeper path; give an absolute path such as /sfc (no trailing"
              + " /)");
      return false;
    }
    return true;
  }
}
