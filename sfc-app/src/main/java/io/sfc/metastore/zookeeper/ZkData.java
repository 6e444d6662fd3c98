package io.sfc.metastore.zookeeper;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfc.core.port.MetastoreException;
import java.io.IOException;

/** JSON encoding of the records kept in znodes. */
final class ZkData {
  /** Ignores fields it does not know: a newer controller may add some during a rolling upgrade. */
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The data of a lease znode: holder, epoch and the TTL of its last acquisition or renewal. */
  record LeaseData(String holder, long epoch, long ttlMs) {}

  /** The data of an epoch znode: the last epoch handed out and to whom. */
  record EpochData(long epoch, String holder, boolean released) {
    /** The counter of a lease that was not released (absent in data of older versions). */
    EpochData(long epoch, String holder) {
      this(epoch, holder, false);
    }
  }

  /**
   * The data of an event znode; when it was recorded is the znode's creation time (the ZooKeeper
   * clock), when it happened and how long it waited the recording controller's {@code occurredMs}
   * and {@code delayMs} (absent, so null, in the data of an older sfc, whose readers ignore them).
   */
  record EventData(
      String node,
      String service,
      long epoch,
      String kind,
      String reason,
      Long occurredMs,
      Long delayMs) {}

  /** The data of a member znode; its age comes from the znode's modification time. */
  record MemberData(String role, long epoch, String serviceState, long pid, String reason) {}

  /** The data of a switchover znode; its age comes from the znode's modification time. */
  record SwitchoverData(String from, long epoch, String to, String requestedBy) {}

  /**
   * The data of a state file's head znode: the epoch that wrote it, the generation whose chunks
   * hold its content, their number and the content's size; its age comes from the head's mtime.
   */
  record StateHead(long epoch, String generation, int chunks, int size) {}

  private ZkData() {}

  static byte[] write(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + value, e);
    }
  }

  static <T> T read(byte[] data, Class<T> type) throws MetastoreException {
    try {
      return JSON.readValue(data, type);
    } catch (IOException e) {
      throw new MetastoreException("unreadable " + type.getSimpleName() + " in ZooKeeper", e);
    }
  }
}
