package io.sfc.metastore.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseTimeToLiveResponse;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;

/**
 * The etcd lease calls the adapters share, and ages as etcd counts them. etcd has no clock to read,
 * so a key whose age matters is bound, at each write, to a new etcd lease: its age is the lease's
 * granted TTL minus the TTL left, both counted by the etcd leader in whole seconds (a new etcd
 * leader restarts the count, so an age may read younger after a leader change).
 */
final class EtcdLeases {
  /** The TTL of an age lease: long enough that no key bound to one outlives its use. */
  static final long AGE_TTL_SECONDS = 10L * 365 * 24 * 3600;

  private final Client client;
  private final EtcdCalls calls;

  EtcdLeases(Client client, EtcdCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /** A new etcd lease of {@code seconds}; its id. */
  long grant(long seconds) throws MetastoreException {
    return calls.await("grant lease", client.getLeaseClient().grant(seconds)).getID();
  }

  /**
   * How long ago lease {@code leaseId}, granted for {@code ttlSeconds}, was granted; {@code
   * ttlSeconds} when etcd no longer knows it (it expired or was revoked).
   */
  Duration age(String what, long leaseId, long ttlSeconds) throws MetastoreException {
    LeaseTimeToLiveResponse ttl =
        calls.await(what, client.getLeaseClient().timeToLive(leaseId, LeaseOption.DEFAULT));
    long seconds = ttl.getTTL() < 0 ? ttlSeconds : ttl.getGrantedTTL() - ttl.getTTL();
    return Duration.ofSeconds(Math.max(0, seconds));
  }

  /** Revokes lease {@code leaseId} (none for 0); a failure is left to the lease's own expiry. */
  void revokeQuietly(long leaseId) {
    if (leaseId == 0) {
      return;
    }
    try {
      calls.await("revoke lease", client.getLeaseClient().revoke(leaseId));
    } catch (MetastoreException e) {
      // it expires on its own
    }
  }

  /** A put that binds its key to lease {@code leaseId}. */
  static PutOption withLease(long leaseId) {
    return PutOption.builder().withLeaseId(leaseId).build();
  }
}
