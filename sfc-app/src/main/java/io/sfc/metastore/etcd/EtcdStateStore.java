package io.sfc.metastore.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.sfc.core.model.Lease;
import io.sfc.core.model.StoredState;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.StateStore;
import io.sfc.metastore.etcd.EtcdData.LeaseValue;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * State files as keys {@code states/service/name}: the writer's epoch in 8 bytes, then the content
 * (a 1 MiB file fits etcd's default request limit of 1.5 MiB).
 *
 * <p>A write is one transaction conditional on the lease key's create revision being the writer's
 * epoch (the key exists only while the lease is valid, and its create revision names one
 * acquisition, hence one holder) and on the state key's mod revision being the one read, whose
 * stored epoch was not newer.
 *
 * <p>etcd has no clock to read, so, as for switchover requests and member reports, each write also
 * binds key {@code statestamps/service/name} to a new etcd lease of {@link #STAMP_TTL_SECONDS}: the
 * file's age is that lease's age ({@link EtcdLeases}).
 */
final class EtcdStateStore implements StateStore {
  static final long STAMP_TTL_SECONDS = EtcdLeases.AGE_TTL_SECONDS;
  private static final int HEADER = Long.BYTES;

  private final Client client;
  private final EtcdKeys keys;
  private final EtcdCalls calls;
  private final EtcdLeases etcdLeases;

  EtcdStateStore(Client client, EtcdKeys keys, EtcdCalls calls) {
    this.client = client;
    this.keys = keys;
    this.calls = calls;
    this.etcdLeases = new EtcdLeases(client, calls);
  }

  @Override
  public boolean put(Lease lease, String name, byte[] bytes) throws MetastoreException {
    StateStore.checkSize(lease.service(), name, bytes.length);
    if (!held(lease)) {
      return false;
    }
    ByteSequence key = keys.state(lease.service(), name);
    Optional<KeyValue> old = get(key);
    if (old.isPresent() && epochOf(old.get()) > lease.epoch()) {
      return false;
    }
    long stampLease = etcdLeases.grant(STAMP_TTL_SECONDS);
    TxnResponse r = commit(lease, name, bytes, old, stampLease);
    etcdLeases.revokeQuietly(r.isSucceeded() ? replacedStamp(r) : stampLease);
    return r.isSucceeded();
  }

  /** The transaction; its first get (before the stamp is replaced) reads the stamp it replaces. */
  private TxnResponse commit(
      Lease lease, String name, byte[] bytes, Optional<KeyValue> old, long stampLease)
      throws MetastoreException {
    ByteSequence key = keys.state(lease.service(), name);
    long revision = old.map(KeyValue::getModRevision).orElse(0L);
    ByteSequence stamp = keys.stateStamp(lease.service(), name);
    return calls.await(
        "store state file " + name + " of " + lease.service(),
        client
            .getKVClient()
            .txn()
            .If(
                new Cmp(
                    keys.lease(lease.service()),
                    Cmp.Op.EQUAL,
                    CmpTarget.createRevision(lease.epoch())),
                new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(revision)))
            .Then(
                Op.put(key, encode(lease.epoch(), bytes), PutOption.DEFAULT),
                Op.get(stamp, GetOption.DEFAULT),
                Op.put(stamp, ByteSequence.EMPTY, EtcdLeases.withLease(stampLease)))
            .commit());
  }

  /** The etcd lease of the stamp a successful write replaced, 0 when there was none. */
  private static long replacedStamp(TxnResponse r) {
    List<KeyValue> kvs = r.getGetResponses().get(0).getKvs();
    return kvs.isEmpty() ? 0 : kvs.get(0).getLease();
  }

  private boolean held(Lease lease) throws MetastoreException {
    Optional<KeyValue> kv = get(keys.lease(lease.service()));
    return kv.isPresent()
        && kv.get().getCreateRevision() == lease.epoch()
        && EtcdData.read(kv.get().getValue(), LeaseValue.class).holder().equals(lease.holder());
  }

  @Override
  public Optional<StoredState> get(String service, String name) throws MetastoreException {
    TxnResponse r =
        calls.await(
            "read state file " + name + " of " + service,
            client
                .getKVClient()
                .txn()
                .Then(
                    Op.get(keys.state(service, name), GetOption.DEFAULT),
                    Op.get(keys.stateStamp(service, name), GetOption.DEFAULT))
                .commit());
    List<GetResponse> gets = r.getGetResponses();
    if (gets.get(0).getKvs().isEmpty()) {
      return Optional.empty();
    }
    KeyValue kv = gets.get(0).getKvs().get(0);
    byte[] value = kv.getValue().getBytes();
    byte[] content = Arrays.copyOfRange(value, HEADER, value.length);
    Duration age = age(gets.get(1));
    return Optional.of(new StoredState(service, name, content, epochOf(kv), age));
  }

  private Duration age(GetResponse stamp) throws MetastoreException {
    if (stamp.getKvs().isEmpty()) {
      return Duration.ofSeconds(STAMP_TTL_SECONDS);
    }
    return etcdLeases.age("read state age", stamp.getKvs().get(0).getLease(), STAMP_TTL_SECONDS);
  }

  private static long epochOf(KeyValue kv) {
    return ByteBuffer.wrap(kv.getValue().getBytes(), 0, HEADER).getLong();
  }

  private static ByteSequence encode(long epoch, byte[] bytes) {
    return ByteSequence.from(
        ByteBuffer.allocate(HEADER + bytes.length).putLong(epoch).put(bytes).array());
  }

  private Optional<KeyValue> get(ByteSequence key) throws MetastoreException {
    return calls.await("read " + key, client.getKVClient().get(key)).getKvs().stream().findFirst();
  }
}
