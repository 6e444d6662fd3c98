package io.sfc.metastore.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.sfc.core.model.MemberReport;
import io.sfc.core.port.MemberRegistry;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.etcd.EtcdData.MemberValue;
import io.sfc.time.WallClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Member reports as keys {@code members/service/node}. etcd has no clock to read, so each write
 * binds its key to a new etcd age lease and revokes the one it replaces: a report's age is that
 * lease's age as the etcd leader counts it ({@link EtcdLeases}), whole seconds, never a
 * controller's clock. The value still carries the writer's {@code writtenMs} for the readers of an
 * older sfc; a key without a lease (written by an older sfc) is aged by that and the reader's
 * clock.
 */
final class EtcdMemberRegistry implements MemberRegistry {
  private final Client client;
  private final EtcdKeys keys;
  private final EtcdCalls calls;
  private final EtcdLeases etcdLeases;
  private final WallClock wall;

  EtcdMemberRegistry(Client client, EtcdKeys keys, EtcdCalls calls, WallClock wall) {
    this.client = client;
    this.keys = keys;
    this.calls = calls;
    this.etcdLeases = new EtcdLeases(client, calls);
    this.wall = wall;
  }

  @Override
  public void report(MemberReport r) throws MetastoreException {
    MemberValue v =
        new MemberValue(
            r.roleName(),
            r.epoch(),
            r.stateName(),
            r.pid(),
            EtcdData.cut(r.reason()),
            wall.millis());
    long ageLease = etcdLeases.grant(EtcdLeases.AGE_TTL_SECONDS);
    PutOption put = PutOption.builder().withLeaseId(ageLease).withPrevKV().build();
    PutResponse written;
    try {
      written =
          calls.await(
              "report member",
              client.getKVClient().put(keys.member(r.service(), r.node()), EtcdData.write(v), put));
    } catch (MetastoreException e) {
      etcdLeases.revokeQuietly(ageLease);
      throw e;
    }
    etcdLeases.revokeQuietly(written.hasPrevKv() ? written.getPrevKv().getLease() : 0);
  }

  @Override
  public List<MemberReport> members() throws MetastoreException {
    GetOption all = GetOption.builder().isPrefix(true).build();
    List<KeyValue> kvs =
        calls.await("read members", client.getKVClient().get(keys.membersPrefix(), all)).getKvs();
    String prefix = keys.membersPrefix().toString();
    List<MemberReport> out = new ArrayList<>();
    for (KeyValue kv : kvs) {
      String[] names = kv.getKey().toString().substring(prefix.length()).split("/", 2);
      MemberValue v = EtcdData.read(kv.getValue(), MemberValue.class);
      out.add(
          MemberReport.stored(
              dec(names[1]),
              dec(names[0]),
              v.role(),
              v.epoch(),
              v.serviceState(),
              v.pid(),
              v.reason(),
              age(kv, v)));
    }
    out.sort(Comparator.comparing(MemberReport::service).thenComparing(MemberReport::node));
    return out;
  }

  private Duration age(KeyValue kv, MemberValue v) throws MetastoreException {
    if (kv.getLease() == 0) {
      return Duration.ofMillis(Math.max(0, wall.millis() - v.writtenMs()));
    }
    return etcdLeases.age("read member age", kv.getLease(), EtcdLeases.AGE_TTL_SECONDS);
  }

  private static String dec(String name) {
    return URLDecoder.decode(name, StandardCharsets.UTF_8);
  }
}
