package io.sfc.metastore.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.sfc.core.model.Directives;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.etcd.EtcdData.SwitchoverValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Directives as keys {@code pauses/scope} (value: who paused) and {@code switchovers/service}.
 *
 * <p>etcd has no clock to read, so a switchover request is bound to an etcd lease of {@link
 * #REQUEST_TTL_SECONDS}: its age is that lease's age ({@link EtcdLeases}), exact to about a second.
 * A request older than the lease disappears, which is the same as a stale request for the
 * controllers.
 */
final class EtcdDirectiveStore implements DirectiveStore {
  static final long REQUEST_TTL_SECONDS = 3600;

  private final Client client;
  private final EtcdKeys keys;
  private final EtcdCalls calls;
  private final EtcdLeases etcdLeases;

  EtcdDirectiveStore(Client client, EtcdKeys keys, EtcdCalls calls) {
    this.client = client;
    this.keys = keys;
    this.calls = calls;
    this.etcdLeases = new EtcdLeases(client, calls);
  }

  @Override
  public void pause(String scope, String by) throws MetastoreException {
    ByteSequence who = EtcdKeys.bytes(by == null || by.isBlank() ? "unknown" : by);
    calls.await("pause " + scope, client.getKVClient().put(keys.pause(scope), who));
  }

  @Override
  public void resume(String scope) throws MetastoreException {
    calls.await("resume " + scope, client.getKVClient().delete(keys.pause(scope)));
  }

  @Override
  public void requestSwitchover(Switchover r) throws MetastoreException {
    long leaseId = etcdLeases.grant(REQUEST_TTL_SECONDS);
    SwitchoverValue v = new SwitchoverValue(r.from(), r.epoch(), r.to(), r.requestedBy());
    PutOption withLease = EtcdLeases.withLease(leaseId);
    calls.await(
        "request switchover of " + r.service(),
        client.getKVClient().put(keys.switchover(r.service()), EtcdData.write(v), withLease));
  }

  @Override
  public void clearSwitchover(String service, long epoch) throws MetastoreException {
    ByteSequence key = keys.switchover(service);
    Optional<KeyValue> kv =
        calls.await("read switchover", client.getKVClient().get(key)).getKvs().stream().findFirst();
    if (kv.isEmpty()
        || EtcdData.read(kv.get().getValue(), SwitchoverValue.class).epoch() != epoch) {
      return;
    }
    TxnResponse r =
        calls.await(
            "clear switchover of " + service,
            client
                .getKVClient()
                .txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(kv.get().getModRevision())))
                .Then(Op.delete(key, DeleteOption.DEFAULT))
                .commit());
    if (r.isSucceeded()) {
      etcdLeases.revokeQuietly(kv.get().getLease());
    }
  }

  @Override
  public Directives read(String service) throws MetastoreException {
    TxnResponse r =
        calls.await(
            "read directives of " + service,
            client
                .getKVClient()
                .txn()
                .Then(
                    Op.get(keys.pause(service), GetOption.DEFAULT),
                    Op.get(keys.pause(ALL), GetOption.DEFAULT),
                    Op.get(keys.switchover(service), GetOption.DEFAULT))
                .commit());
    List<GetResponse> gets = r.getGetResponses();
    return Directives.of(text(gets.get(0)), text(gets.get(1)), switchover(service, gets.get(2)));
  }

  private Switchover switchover(String service, GetResponse get) throws MetastoreException {
    if (get.getKvs().isEmpty()) {
      return null;
    }
    KeyValue kv = get.getKvs().get(0);
    SwitchoverValue v = EtcdData.read(kv.getValue(), SwitchoverValue.class);
    Duration age = etcdLeases.age("read switchover age", kv.getLease(), REQUEST_TTL_SECONDS);
    return new Switchover(service, v.from(), v.epoch(), v.to(), v.requestedBy(), age);
  }

  private static String text(GetResponse get) {
    return get.getKvs().isEmpty() ? null : get.getKvs().get(0).getValue().toString();
  }
}
