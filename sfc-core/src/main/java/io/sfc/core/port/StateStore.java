package io.sfc.core.port;

import io.sfc.core.model.Lease;
import io.sfc.core.model.StoredState;
import java.util.Optional;

/**
 * Small state files of a service ({@code state_files}), kept in the metastore under the service's
 * lease so that they move with the service: the holder stores them, the next holder writes the
 * newest copy in place before it starts the service.
 *
 * <p>Contract (checked by the shared contract test suite every adapter passes):
 *
 * <ul>
 *   <li>{@link #put} stores a copy only while {@code lease} is the service's current, valid lease
 *       (same holder and epoch, not expired on the metastore's clock), and only when no copy of a
 *       newer epoch is stored; check and write are one atomic conditional operation. A stale holder
 *       (a lower epoch than the lease's current one, or not the holder) therefore never overwrites
 *       a newer copy. A copy of the same epoch is replaced.
 *   <li>{@link #get} returns the newest copy with the epoch that wrote it and its age on the
 *       metastore's clock (exact to about a second where the backend counts whole seconds); a file
 *       never stored reads empty.
 *   <li>A file holds at most {@link #MAX_BYTES}; a larger one is refused with {@link
 *       IllegalArgumentException} before anything is sent.
 *   <li>Files are independent per cluster, service and name.
 *   <li>A {@link MetastoreException} means "outcome unknown", as for leases.
 * </ul>
 */
public interface StateStore {

  /** The largest state file carried: 1 MiB. */
  int MAX_BYTES = 1 << 20;

  /**
   * Stores {@code bytes} as the newest copy of state file {@code name} of {@code lease}'s service.
   *
   * @return true when stored; false when refused because {@code lease} is not the current valid
   *     lease or a newer epoch's copy is stored
   * @throws IllegalArgumentException when {@code bytes} is larger than {@link #MAX_BYTES}
   */
  boolean put(Lease lease, String name, byte[] bytes) throws MetastoreException;

  /**
   * The newest copy of state file {@code name} of {@code service}, or empty when none is stored.
   */
  Optional<StoredState> get(String service, String name) throws MetastoreException;

  /**
   * Refuses a file larger than {@link #MAX_BYTES} with a message naming the file, its size, the
   * limit and the fix.
   */
  static void checkSize(String service, String name, int size) {
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException(
          "state file "
              + name
              + " of service "
              + service
              + " is "
              + size
              + " bytes; at most "
              + MAX_BYTES
              + " bytes (1 MiB) are carried through the metastore: keep the file smaller or"
              + " remove it from state_files");
    }
  }
}
