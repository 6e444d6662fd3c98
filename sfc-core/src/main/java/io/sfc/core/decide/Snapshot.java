package io.sfc.core.decide;

import io.sfc.core.model.Directives;
import io.sfc.core.model.LeaseRecord;
import java.util.Objects;

/**
 * The one immutable view a loop decides on.
 *
 * @param now monotonic-clock nanoseconds when the view was taken
 * @param record the lease as the metastore sees it, or null when it could not be read
 * @param directives the operator directives read with the lease; when the metastore could not be
 *     read, the last ones read (so that a pause outlives a metastore outage), never null
 * @param metastoreError why the read failed, or null
 * @param local the controller's own state
 */
public record Snapshot(
    long now, LeaseRecord record, Directives directives, String metastoreError, LocalState local) {

  public Snapshot {
    Objects.requireNonNull(directives, "directives");
  }

  /** A view without directives. */
  public static Snapshot of(long now, LeaseRecord record, LocalState local) {
    return of(now, record, Directives.NONE, local);
  }

  public static Snapshot of(long now, LeaseRecord record, Directives directives, LocalState local) {
    return new Snapshot(now, record, directives, null, local);
  }

  /** A view without directives when the metastore could not be read. */
  public static Snapshot unreachable(long now, String error, LocalState local) {
    return unreachable(now, error, Directives.NONE, local);
  }

  /** A view when the metastore could not be read, with the last directives read. */
  public static Snapshot unreachable(
      long now, String error, Directives lastDirectives, LocalState local) {
    return new Snapshot(now, null, lastDirectives, error, local);
  }
}
