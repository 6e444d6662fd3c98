package io.sfc.metastore.config;

import io.sfc.metastore.MetastoreTls;
import io.sfc.reader.Node;
import io.sfc.reader.SecretKeys;
import io.sfc.reader.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the settings of a {@code type: etcd} metastore. */
final class EtcdSettings {
  private static final String EXAMPLE = "[http://127.0.0.1:2379]";

  private EtcdSettings() {}

  /** The etcd metastore, or null when problems were reported. */
  static MetastoreConfig bind(Section s, Path baseDir) {
    Node list = s.list("endpoints", EXAMPLE);
    if (list == null) {
      if (s.get("endpoints") == null) {
        s.require("endpoints", "give the etcd client URLs, e.g. endpoints: " + EXAMPLE);
      }
      return null;
    }
    List<String> endpoints = endpoints(s, list);
    if (endpoints == null || !oneScheme(s, endpoints)) {
      return null;
    }
    String user = s.string("user");
    String password = SecretKeys.string(s, "password");
    if (password != null && user == null) {
      s.report("password", "is set without user; give user: for etcd authentication");
      return null;
    }
    MetastoreConfig plain = MetastoreConfig.etcd(endpoints, user, password);
    boolean https = endpoints.get(0).startsWith("https://");
    Section tls = s.section("tls", MetastoreTlsSettings.KEYS);
    if (tls != null && !https) {
      s.report("tls", "is set but the endpoints use http://; write them as https://host:port");
      return null;
    }
    if (!https) {
      return plain;
    }
    MetastoreTls t =
        tls == null ? new MetastoreTls(null, null, null) : MetastoreTlsSettings.bind(tls, baseDir);
    return t == null ? null : plain.withTls(t);
  }

  /** Reports endpoints that mix http:// and https://; true when they agree. */
  private static boolean oneScheme(Section s, List<String> endpoints) {
    long https = endpoints.stream().filter(u -> u.startsWith("https://")).count();
    if (https == 0 || https == endpoints.size()) {
      return true;
    }
    s.report(
        "endpoints",
        "mixes http:// and https:// endpoints; use https:// for all of them (with tls:) or http://"
            + " for all");
    return false;
  }

  private static List<String> endpoints(Section s, Node list) {
    if (list.items().isEmpty()) {
      s.report("endpoints", "is empty; give at least one etcd client URL, e.g. " + EXAMPLE);
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Node item : list.items()) {
      String url = s.text(item);
      if (url == null) {
        return null;
      }
      if (!url.matches("https?://[A-Za-z0-9._\\[\\]:-]+:[0-9]{1,5}/?")) {
        s.problems()
            .at(
                item,
                "'"
                    + url
                    + "' is not an etcd client URL; write it as"
                    + " http://host:port or https://host:port, e.g. http://127.0.0.1:2379");
        return null;
      }
      out.add(url);
    }
    return out;
  }
}
