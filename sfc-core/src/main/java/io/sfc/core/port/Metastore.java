package io.sfc.core.port;

import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One backend (a SQL database, ZooKeeper, etcd) seen through the three ports sfc needs. One adapter
 * implements this per backend; {@link #close()} releases its connections.
 */
public interface Metastore extends AutoCloseable {

  /**
   * The ports of one backend.
   *
   * @param leases the service leases
   * @param events the cluster's event history
   * @param members the controllers' member reports
   * @param directives operator directives: maintenance pauses and planned switchovers
   * @param states the state files that move with each service's lease
   */
  record Ports(
      LeaseStore leases,
      EventLog events,
      MemberRegistry members,
      DirectiveStore directives,
      StateStore states) {}

  /** The ports of this backend, created when it was opened. */
  Ports ports();

  default LeaseStore leases() {
    return ports().leases();
  }

  default EventLog events() {
    return ports().events();
  }

  default MemberRegistry members() {
    return ports().members();
  }

  /** Operator directives: maintenance pauses and planned switchovers. */
  default DirectiveStore directives() {
    return ports().directives();
  }

  /** The state files that move with each service's lease ({@code state_files}). */
  default StateStore states() {
    return ports().states();
  }

  /**
   * Deletes what this cluster has recorded ({@code sfc clear-metadata}): every event, member report
   * and directive (not the stored state files, which belong to the services), and the last holder
   * of every free lease (released, or expired on the metastore's clock). Epochs keep increasing
   * afterwards. A lease that is held is left as it is; each change to a lease is atomic and
   * conditional, so a lease acquired meanwhile is never touched.
   *
   * @return how many records of each kind were deleted or cleared
   */
  Cleared clear() throws MetastoreException;

  /**
   * What {@link #clear()} removed.
   *
   * @param events events deleted
   * @param members member reports deleted
   * @param directives pauses and switchover requests deleted
   * @param leases free leases whose last holder was forgotten
   */
  record Cleared(int events, int members, int directives, int leases) {}

  /**
   * Now on the clock that stamps this backend's leases, in epoch milliseconds, for {@code sfc
   * doctor}'s clock-offset check; empty when the backend exposes no such clock (etcd). Optional:
   * the controller never needs it.
   */
  default OptionalLong clockMillis() throws MetastoreException {
    return OptionalLong.empty();
  }

  /**
   * A watch for changes of this cluster's leases and directives, not yet started (see {@link
   * ChangeWatch}); {@link ChangeWatch#none()} for a backend that only polls. The caller owns and
   * closes the watch and {@code executor}, a one-thread scheduler on which the watch delivers its
   * hints and re-establishes itself after errors; the watch is closed before this metastore.
   */
  default ChangeWatch watch(ScheduledExecutorService executor) {
    return ChangeWatch.none();
  }

  /** A short description for logs and status, without secrets (e.g. {@code mariadb 127.0.0.1}). */
  String describe();

  @Override
  void close();
}
