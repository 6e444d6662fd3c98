package io.sfc.bench;

import io.sfc.core.port.Metastore;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;

/**
 * A metastore the harness runs controllers against: a server it starts itself (H2, ZooKeeper, etcd)
 * or the machine's shared one (MariaDB, PostgreSQL).
 */
public interface Backend extends AutoCloseable {

  /** Short name, as in {@code -Dbench.backends}. */
  String name();

  /** Starts the server (or checks that the shared one answers). */
  void start() throws Exception;

  /** Where the server listens, on loopback. */
  InetSocketAddress address();

  /** The indented lines of a controller's {@code metastore:} section, connecting to {@code at}. */
  List<String> metastoreYaml(InetSocketAddress at);

  /** A connection of the harness's own, watching cluster {@code cluster}. */
  Metastore openWatcher(String cluster) throws Exception;

  /** Whether {@link #restart()} is supported (the harness owns the server). */
  boolean restartable();

  /** Stops the server and starts it again on the same address; returns when it answers. */
  void restart() throws Exception;

  /** How {@link #statements()} counts, or empty when it does not. */
  default String statementCounter() {
    return "";
  }

  /** The server's running count of statements (or transactions) of the bench, if it has one. */
  default OptionalLong statements() throws Exception {
    return OptionalLong.empty();
  }

  @Override
  void close() throws Exception;

  /** The backend called {@code name}. */
  static Backend of(String name) {
    return switch (name) {
      case "h2" -> new H2Backend();
      case "mariadb" -> SharedSqlBackend.mariadb();
      case "postgresql", "postgres" -> SharedSqlBackend.postgresql();
      case "zookeeper" -> new ZooKeeperBackend();
      case "etcd" -> new EtcdBackend();
      default -> throw new IllegalArgumentException("unknown backend " + name);
    };
  }
}
