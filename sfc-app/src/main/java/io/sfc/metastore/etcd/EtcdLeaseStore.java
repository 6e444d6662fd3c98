package io.sfc.metastore.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.etcd.EtcdData.LeaseValue;
import java.time.Duration;
import java.util.Optional;

/**
 * Leases as keys bound to etcd leases. etcd deletes the key when its lease expires (judged by the
 * etcd leader), so "the key exists" means "the lease is valid".
 *
 * <ul>
 *   <li>Acquire: grant an etcd lease with TTL = the lease TTL (whole seconds, rounded up; etcd may
 *       raise it to its minimum), then one transaction {@code if create_revision(key) == 0 then
 *       put(key, holder, lease), put(last, holder)}. The epoch is the key's create revision (the
 *       transaction's revision): etcd revisions only grow, so epochs are strictly increasing.
 *   <li>Renew: read the key, check holder and epoch, then one keep-alive round trip on its etcd
 *       lease. A renewal with another TTL binds the key to a new etcd lease in a transaction
 *       conditional on the key's mod revision.
 *   <li>Release: delete the key and write the released epoch to {@code released/service} in a
 *       transaction conditional on its mod revision, then revoke the etcd lease. etcd deletes an
 *       expired key just as a release does; the {@code released} key tells the two apart.
 * </ul>
 */
final class EtcdLeaseStore implements LeaseStore {
  private final Client client;
  private final EtcdKeys keys;
  private final EtcdCalls calls;
  private final EtcdLeases etcdLeases;

  EtcdLeaseStore(Client client, EtcdKeys keys, EtcdCalls calls) {
    this.client = client;
    this.keys = keys;
    this.calls = calls;
    this.etcdLeases = new EtcdLeases(client, calls);
  }

  @Override
  public Optional<Lease> tryAcquire(String service, String node, Duration ttl)
      throws MetastoreException {
    if (get(keys.lease(service)).isPresent()) {
      return Optional.empty(); // held: skip granting a lease that could not be used
    }
    long seconds = seconds(ttl);
    long leaseId = etcdLeases.grant(seconds);
    ByteSequence key = keys.lease(service);
    TxnResponse r =
        calls.await(
            "acquire lease of " + service,
            client
                .getKVClient()
                .txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(
                    Op.put(key, value(node, seconds), EtcdLeases.withLease(leaseId)),
                    Op.put(keys.last(service), EtcdKeys.bytes(node), PutOption.DEFAULT))
                .commit());
    if (!r.isSucceeded()) {
      etcdLeases.revokeQuietly(leaseId);
      return Optional.empty();
    }
    return Optional.of(new Lease(service, node, r.getHeader().getRevision()));
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) throws MetastoreException {
    Optional<KeyValue> held = held(lease);
    if (held.isEmpty()) {
      return false;
    }
    KeyValue kv = held.get();
    long seconds = seconds(ttl);
    if (EtcdData.read(kv.getValue(), LeaseValue.class).ttlSeconds() != seconds) {
      return rebind(lease, kv, seconds);
    }
    try {
      long left =
          calls
              .await(
                  "renew lease of " + lease.service(),
                  client.getLeaseClient().keepAliveOnce(kv.getLease()))
              .getTTL();
      return left > 0;
    } catch (MetastoreException e) {
      if (EtcdCalls.isUnknownLease(e)) {
        return false;
      }
      throw e;
    }
  }

  /** Binds the key to a new etcd lease of {@code seconds}, keeping its create revision (epoch). */
  private boolean rebind(Lease lease, KeyValue kv, long seconds) throws MetastoreException {
    long leaseId = etcdLeases.grant(seconds);
    ByteSequence key = keys.lease(lease.service());
    TxnResponse r =
        calls.await(
            "renew lease of " + lease.service(),
            client
                .getKVClient()
                .txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(kv.getModRevision())))
                .Then(Op.put(key, value(lease.holder(), seconds), EtcdLeases.withLease(leaseId)))
                .commit());
    etcdLeases.revokeQuietly(r.isSucceeded() ? kv.getLease() : leaseId);
    return r.isSucceeded();
  }

  @Override
  public boolean release(Lease lease) throws MetastoreException {
    Optional<KeyValue> held = held(lease);
    if (held.isEmpty()) {
      return false;
    }
    KeyValue kv = held.get();
    ByteSequence key = keys.lease(lease.service());
    TxnResponse r =
        calls.await(
            "release lease of " + lease.service(),
            client
                .getKVClient()
                .txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(kv.getModRevision())))
                .Then(
                    Op.delete(key, DeleteOption.DEFAULT),
                    Op.put(
                        keys.released(lease.service()),
                        EtcdKeys.bytes(Long.toString(lease.epoch())),
                        PutOption.DEFAULT))
                .commit());
    if (r.isSucceeded()) {
      etcdLeases.revokeQuietly(kv.getLease());
    }
    return r.isSucceeded();
  }

  @Override
  public LeaseRecord read(String service) throws MetastoreException {
    Optional<KeyValue> current = get(keys.lease(service));
    if (current.isPresent()) {
      KeyValue kv = current.get();
      String holder = EtcdData.read(kv.getValue(), LeaseValue.class).holder();
      long left =
          calls
              .await(
                  "read lease TTL",
                  client.getLeaseClient().timeToLive(kv.getLease(), LeaseOption.DEFAULT))
              .getTTL();
      // the key exists, so the lease is valid; etcd counts whole seconds and may say 0 just before
      Duration remaining = Duration.ofMillis(Math.max(1, left * 1000));
      return new LeaseRecord(service, holder, kv.getCreateRevision(), remaining, false);
    }
    Optional<KeyValue> last = get(keys.last(service));
    if (last.isEmpty()) {
      return LeaseRecord.vacant(service);
    }
    long epoch = last.get().getModRevision();
    String holder = last.get().getValue().toString();
    return new LeaseRecord(service, holder, epoch, Duration.ZERO, releasedAt(service, epoch));
  }

  /** True when the {@code released} key names {@code epoch}: its holder released it. */
  private boolean releasedAt(String service, long epoch) throws MetastoreException {
    return get(keys.released(service))
        .map(kv -> kv.getValue().toString().equals(Long.toString(epoch)))
        .orElse(false);
  }

  /** The lease key when it holds {@code lease}: same holder, create revision = epoch. */
  private Optional<KeyValue> held(Lease lease) throws MetastoreException {
    Optional<KeyValue> kv = get(keys.lease(lease.service()));
    if (kv.isEmpty() || kv.get().getCreateRevision() != lease.epoch()) {
      return Optional.empty();
    }
    String holder = EtcdData.read(kv.get().getValue(), LeaseValue.class).holder();
    return holder.equals(lease.holder()) ? kv : Optional.empty();
  }

  private Optional<KeyValue> get(ByteSequence key) throws MetastoreException {
    return calls
        .await("read " + key, client.getKVClient().get(key, GetOption.DEFAULT))
        .getKvs()
        .stream()
        .findFirst();
  }

  private static ByteSequence value(String holder, long seconds) {
    return EtcdData.write(new LeaseValue(holder, seconds));
  }

  /** The TTL in whole seconds, rounded up, at least one. */
  static long seconds(Duration ttl) {
    long ms = ttl.toMillis();
    return Math.max(1, (ms + 999) / 1000);
  }
}
