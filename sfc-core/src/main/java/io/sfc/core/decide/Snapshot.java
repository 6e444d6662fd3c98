package io.sfc.core.decide;

import io.sfc.core.model.LeaseRecord;

/**
 * The one immutable view a loop decides on.
 *
 * @param now monotonic-clock nanoseconds when the view was taken
 * @param record the lease as the metastore sees it, or null when it could not be read
 * @param metastoreError why the read failed, or null
 * @param local the controller's own state
 */
public record Snapshot(long now, LeaseRecord record, String metastoreError, LocalState local) {

  public static Snapshot of(long now, LeaseRecord record, LocalState local) {
    return new Snapshot(now, record, null, local);
  }

  public static Snapshot unreachable(long now, String error, LocalState local) {
    return new Snapshot(now, null, error, local);
  }
}
