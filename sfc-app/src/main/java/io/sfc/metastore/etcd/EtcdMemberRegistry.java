package io.sfc.metastore.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.sfc.core.model.MemberReport;
import io.sfc.core.port.MemberRegistry;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.etcd.EtcdData.MemberValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Member reports as keys {@code members/service/node}. Their age is measured with the writer's and
 * the reader's clocks (etcd has no clock to read): it is for display only.
 */
final class EtcdMemberRegistry implements MemberRegistry {
  private final Client client;
  private final EtcdKeys keys;
  private final EtcdCalls calls;

  EtcdMemberRegistry(Client client, EtcdKeys keys, EtcdCalls calls) {
    this.client = client;
    this.keys = keys;
    this.calls = calls;
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
            System.currentTimeMillis());
    calls.await(
        "report member",
        client
            .getKVClient()
            .put(keys.member(r.service(), r.node()), EtcdData.write(v), PutOption.DEFAULT));
  }

  @Override
  public List<MemberReport> members() throws MetastoreException {
    GetOption all = GetOption.builder().isPrefix(true).build();
    List<KeyValue> kvs =
        calls.await("read members", client.getKVClient().get(keys.membersPrefix(), all)).getKvs();
    String prefix = keys.membersPrefix().toString();
    long now = System.currentTimeMillis();
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
              Duration.ofMillis(Math.max(0, now - v.writtenMs()))));
    }
    out.sort(Comparator.comparing(MemberReport::service).thenComparing(MemberReport::node));
    return out;
  }

  private static String dec(String name) {
    return URLDecoder.decode(name, StandardCharsets.UTF_8);
  }
}
