package io.sfc.config;

import java.util.ArrayList;
import java.util.List;

/** Reads the settings of a {@code type: etcd} metastore. */
final class EtcdSettings {
  private static final String EXAMPLE = "[http://127.0.0.1:2379]";

  private EtcdSettings() {}

  /** The etcd metastore, or null when problems were reported. */
  static MetastoreConfig bind(Section s) {
    Node list = s.list("endpoints", EXAMPLE);
    if (list == null) {
      if (s.get("endpoints") == null) {
        s.require("endpoints", "give the etcd client URLs, e.g. endpoints: " + EXAMPLE);
      }
      return null;
    }
    List<String> endpoints = endpoints(s, list);
    if (endpoints == null) {
      return null;
    }
    String user = s.string("user");
    String password = SecretKeys.string(s, "password");
    if (password != null && user == null) {
      s.report("password", "is set without user; give user: for etcd authentication");
      return null;
    }
    return MetastoreConfig.etcd(endpoints, user, password);
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
      if (url.startsWith("https://")) {
        s.problems()
            .at(
                item,
                "'"
                    + url
                    + "' uses TLS, which sfc does not support yet for etcd;"
                    + " use an http:// endpoint");
        return null;
      }
      if (!url.matches("http://[A-Za-z0-9._\\[\\]:-]+:[0-9]{1,5}/?")) {
        s.problems()
            .at(
                item,
                "'"
                    + url
                    + "' is not an etcd client URL; write it as"
                    + " http://host:port, e.g. http://127.0.0.1:2379");
        return null;
      }
      out.add(url);
    }
    return out;
  }
}
