package io.sfc.core.port;

/**
 * One backend (a SQL database, ZooKeeper, etcd) seen through the three ports sfc needs. One adapter
 * implements this per backend; {@link #close()} releases its connections.
 */
public interface Metastore extends AutoCloseable {

  LeaseStore leases();

  EventLog events();

  MemberRegistry members();

  /** Operator directives: maintenance pauses and planned switchovers. */
  DirectiveStore directives();

  /** A short description for logs and status, without secrets (e.g. {@code mariadb 127.0.0.1}). */
  String describe();

  @Override
  void close();
}
