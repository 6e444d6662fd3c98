package io.sfc.metastore.etcd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.sfc.core.port.MetastoreException;
import java.io.IOException;

/** JSON encoding of the values kept in etcd. */
final class EtcdData {
  /** Ignores fields it does not know: a newer controller may add some during a rolling upgrade. */
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * The value of a lease key: the holder and the TTL (seconds) of the etcd lease it is bound to.
   */
  record LeaseValue(String holder, long ttlSeconds) {}

  /**
   * The value of an event key. etcd exposes no server clock, so {@code atMs}, when it was recorded,
   * is the writer's clock at the write (for display only; no decision uses it); {@code occurredMs}
   * and {@code delayMs} are when it happened and how long it waited, as the recording controller
   * dated it (absent, so null, in the values of an older sfc, whose readers ignore them).
   */
  record EventValue(
      long atMs,
      String node,
      String service,
      long epoch,
      String kind,
      String reason,
      Long occurredMs,
      Long delayMs) {}

  /**
   * The value of a member key. Its age is its key's etcd lease's; {@code writtenMs}, the writer's
   * clock, is for the readers of an older sfc, which age reports by it.
   */
  record MemberValue(
      String role, long epoch, String serviceState, long pid, String reason, long writtenMs) {}

  /** The value of a switchover key; its age comes from its etcd lease (granted minus left). */
  record SwitchoverValue(String from, long epoch, String to, String requestedBy) {}

  private EtcdData() {}

  static ByteSequence write(Object value) {
    try {
      return ByteSequence.from(JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + value, e);
    }
  }

  static <T> T read(ByteSequence data, Class<T> type) throws MetastoreException {
    try {
      return JSON.readValue(data.getBytes(), type);
    } catch (IOException e) {
      throw new MetastoreException("unreadable " + type.getSimpleName() + " in etcd", e);
    }
  }

  /** {@code reason} cut to 1000 characters, never inside a surrogate pair. */
  static String cut(String reason) {
    int max = 1000;
    if (reason == null || reason.length() <= max) {
      return reason;
    }
    return reason.substring(0, Character.isHighSurrogate(reason.charAt(max - 1)) ? max - 1 : max);
  }
}
