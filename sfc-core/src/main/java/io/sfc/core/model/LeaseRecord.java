package io.sfc.core.model;

import java.time.Duration;

/**
 * What the metastore says about a service's lease, judged on the metastore's own clock.
 *
 * @param service service name
 * @param holder last holder, or null if the lease was never taken
 * @param epoch epoch of the last acquisition (0 if never taken)
 * @param remaining time until expiry on the metastore's clock; zero or negative when expired or
 *     released
 * @param released true when the last holder released the lease (a planned end: shutdown, step-down,
 *     switchover); false while it is valid, when it expired or was broken (its holder's session
 *     ended), and for leases released by a version that did not record releases
 */
public record LeaseRecord(
    String service, String holder, long epoch, Duration remaining, boolean released) {

  /** A lease nobody ever took. */
  public static LeaseRecord vacant(String service) {
    return new LeaseRecord(service, null, 0, Duration.ZERO, false);
  }

  /** True when another node may acquire the lease now. */
  public boolean isFree() {
    return holder == null || remaining.isNegative() || remaining.isZero();
  }

  /** True when this record names {@code lease} as the current, valid lease. */
  public boolean confirms(Lease lease) {
    return !isFree() && lease.holder().equals(holder) && lease.epoch() == epoch;
  }
}
