package io.sfc.metastore.config;

import io.sfc.metastore.EventRetention;
import io.sfc.metastore.MetastoreTls;
import java.util.List;
import java.util.Objects;

/**
 * Where the leases live: a SQL database (JDBC), a ZooKeeper ensemble or an etcd cluster. An {@code
 * h2} metastore path has already been turned into a {@code jdbc:h2:file:...} URL. Only the fields
 * of the {@link #kind} are set; the others are null (or empty).
 *
 * @param kind which backend
 * @param jdbcUrl JDBC URL ({@link Kind#JDBC})
 * @param hosts ZooKeeper connect string, e.g. {@code h1:2181,h2:2181} ({@link Kind#ZOOKEEPER})
 * @param root ZooKeeper path under which the clusters live, e.g. {@code /sfc} ({@link
 *     Kind#ZOOKEEPER})
 * @param endpoints etcd endpoints, e.g. {@code http://127.0.0.1:2379} ({@link Kind#ETCD})
 * @param user user name (database user, ZooKeeper digest user, etcd user), or null
 * @param password password, or null; never shown by {@link #toString()}
 * @param tls TLS to etcd or ZooKeeper, or null for plain connections
 * @param events the event log's retention (the {@code events:} section)
 */
public record MetastoreConfig(
    Kind kind,
    String jdbcUrl,
    String hosts,
    String root,
    List<String> endpoints,
    String user,
    String password,
    MetastoreTls tls,
    EventRetention events) {

  /** The kinds of metastore, one adapter each. */
  public enum Kind {
    JDBC,
    ZOOKEEPER,
    ETCD
  }

  /** The ZooKeeper root used when none is configured. */
  public static final String DEFAULT_ROOT = "/sfc";

  public MetastoreConfig {
    Objects.requireNonNull(kind, "kind");
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    events = events == null ? EventRetention.DEFAULT : events;
  }

  /** A JDBC metastore with the default event retention. */
  public static MetastoreConfig jdbc(String jdbcUrl, String user, String password) {
    return new MetastoreConfig(Kind.JDBC, jdbcUrl, null, null, null, user, password, null, null);
  }

  /** A ZooKeeper metastore; digest authentication when {@code user} is not null. */
  public static MetastoreConfig zookeeper(String hosts, String root, String user, String password) {
    return new MetastoreConfig(Kind.ZOOKEEPER, null, hosts, root, null, user, password, null, null);
  }

  /** An etcd metastore; user and password authentication when {@code user} is not null. */
  public static MetastoreConfig etcd(List<String> endpoints, String user, String password) {
    return new MetastoreConfig(Kind.ETCD, null, null, null, endpoints, user, password, null, null);
  }

  /** The same metastore with TLS settings. */
  public MetastoreConfig withTls(MetastoreTls t) {
    return new MetastoreConfig(kind, jdbcUrl, hosts, root, endpoints, user, password, t, events);
  }

  /** The same metastore with another event retention. */
  public MetastoreConfig withEvents(EventRetention e) {
    return new MetastoreConfig(kind, jdbcUrl, hosts, root, endpoints, user, password, tls, e);
  }

  /**
   * One line for an operator (check-config): where the metastore is, as whom, whether a password is
   * set and whether TLS is on; never the password itself, and a JDBC URL's own password masked.
   */
  public String summary() {
    String where =
        switch (kind) {
          case JDBC -> io.sfc.secret.Secrets.mask(jdbcUrl);
          case ZOOKEEPER -> "zookeeper " + hosts + " (root " + root + ")";
          case ETCD -> "etcd " + String.join(", ", endpoints);
        };
    List<String> notes = new java.util.ArrayList<>();
    if (user != null) {
      notes.add("user " + user);
    }
    if (password != null) {
      notes.add(password.isEmpty() ? "empty password" : "password set");
    }
    if (tls != null) {
      notes.add("TLS");
    }
    return notes.isEmpty() ? where : where + "; " + String.join(", ", notes);
  }

  @Override
  public String toString() {
    String shown = password == null ? "null" : "****";
    String where =
        switch (kind) {
          case JDBC -> "jdbcUrl=" + io.sfc.secret.Secrets.mask(jdbcUrl);
          case ZOOKEEPER -> "hosts=" + hosts + ", root=" + root;
          case ETCD -> "endpoints=" + endpoints;
        };
    return "MetastoreConfig["
        + where
        + ", user="
        + user
        + ", password="
        + shown
        + (tls == null ? "" : ", tls=" + tls)
        + "]";
  }
}
