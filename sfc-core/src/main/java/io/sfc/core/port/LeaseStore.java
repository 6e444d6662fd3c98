package io.sfc.core.port;

import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import java.time.Duration;
import java.util.Optional;

/**
 * The lease of each service, kept in a metastore shared by all controllers of one cluster.
 *
 * <p>Contract (checked by the shared contract test suite every adapter subclasses):
 *
 * <ul>
 *   <li>Every operation is one atomic conditional write (or read) judged on the metastore's clock;
 *       adapters never read-then-write and never compare local time with stored time.
 *   <li>{@link #tryAcquire} succeeds only when the lease is vacant, released or expired, and then
 *       increments the epoch: epochs are strictly increasing and each has exactly one holder.
 *   <li>{@link #renew} and {@link #release} act only under the exact holder and epoch given, and
 *       {@code renew} only while the lease has not expired.
 *   <li>A {@link MetastoreException} means "outcome unknown": the write may or may not have
 *       happened. Callers must treat it as "not renewed".
 * </ul>
 */
public interface LeaseStore {

  /**
   * Takes the lease of {@code service} for {@code node} when it is free or expired.
   *
   * @return the new lease with its new epoch, or empty when another holder's lease is valid
   */
  Optional<Lease> tryAcquire(String service, String node, Duration ttl) throws MetastoreException;

  /**
   * Extends {@code lease} to expire {@code ttl} from now (metastore clock).
   *
   * @return false when the lease expired or is no longer held under that holder and epoch
   */
  boolean renew(Lease lease, Duration ttl) throws MetastoreException;

  /**
   * Makes {@code lease} expire now, so that another node can take it at once.
   *
   * @return false when the lease was no longer held under that holder and epoch
   */
  boolean release(Lease lease) throws MetastoreException;

  /**
   * Reads the current lease of {@code service}; a never-taken lease reads as vacant. A free lease
   * reads {@link LeaseRecord#released() released} only when its last holder ended it by {@link
   * #release}: an expired lease, or one whose holder's session ended, reads not released.
   */
  LeaseRecord read(String service) throws MetastoreException;
}
