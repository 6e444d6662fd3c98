package io.sfc.metastore.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.SchemaVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The schema version of one cluster's keys, in {@code /sfc/cluster/schema}. Key layouts written
 * before versions were recorded have no such key: they are version 1, and the key is written.
 */
final class EtcdSchema {
  /** The newest key layout this sfc writes. */
  static final int CURRENT = 1;

  private final KV kv;
  private final ByteSequence key;
  private final EtcdCalls calls;
  private final String where;

  EtcdSchema(KV kv, EtcdKeys keys, EtcdCalls calls, String where) {
    this.kv = kv;
    this.key = keys.schema();
    this.calls = calls;
    this.where = where;
  }

  /**
   * Refuses a layout of a newer sfc; records {@link #CURRENT} over none or an older version.
   *
   * @throws MetastoreException (rejected) when the recorded version is newer than {@link #CURRENT}
   */
  void checkAndStamp() throws MetastoreException {
    List<KeyValue> found = calls.await("read the schema version", kv.get(key)).getKvs();
    long modRevision = 0;
    if (!found.isEmpty()) {
      int version = version(found.get(0));
      SchemaVersion.check(where, version, CURRENT);
      if (version == CURRENT) {
        return;
      }
      modRevision = found.get(0).getModRevision();
    }
    Cmp unchanged = new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(modRevision));
    ByteSequence current = EtcdKeys.bytes(Integer.toString(CURRENT));
    boolean written =
        calls
            .await(
                "record the schema version",
                kv.txn().If(unchanged).Then(Op.put(key, current, PutOption.DEFAULT)).commit())
            .isSucceeded();
    if (!written) {
      check(); // another controller wrote it meanwhile: a newer one is still refused
    }
  }

  private void check() throws MetastoreException {
    List<KeyValue> found = calls.await("read the schema version", kv.get(key)).getKvs();
    if (!found.isEmpty()) {
      SchemaVersion.check(where, version(found.get(0)), CURRENT);
    }
  }

  private int version(KeyValue kv) throws MetastoreException {
    return SchemaVersion.parse(where, kv.getValue().toString(StandardCharsets.UTF_8));
  }
}
