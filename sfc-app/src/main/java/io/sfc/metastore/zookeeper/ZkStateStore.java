package io.sfc.metastore.zookeeper;

import io.sfc.core.model.Lease;
import io.sfc.core.model.StoredState;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.StateStore;
import io.sfc.metastore.zookeeper.ZkData.LeaseData;
import io.sfc.metastore.zookeeper.ZkData.StateHead;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * State files as a head znode {@code states/service/name} and its content in chunk znodes of at
 * most {@link #CHUNK} bytes: a ZooKeeper request may not exceed {@code jute.maxbuffer} (1 MiB by
 * default), which a 1 MiB file with its path and ACL would.
 *
 * <p>A write first creates the chunks of a new generation (invisible until a head names them), then
 * commits one multi-op that checks the epoch counter's and the lease znode's versions (so the lease
 * is exactly the one read: same holder and epoch, valid on the ZooKeeper clock) and sets the head
 * conditional on its version (so a newer epoch's head, once read, cannot be replaced). Then it
 * deletes the chunks of the generation it replaced; a failed commit deletes its own. A read that
 * finds a generation's chunks gone (replaced meanwhile) reads the head again.
 */
final class ZkStateStore implements StateStore {
  static final int CHUNK = 512 * 1024;
  private static final int READ_ATTEMPTS = 5;

  private final CuratorFramework client;
  private final ZkPaths paths;
  private final ZkClock clock;

  ZkStateStore(CuratorFramework client, ZkPaths paths, ZkClock clock) {
    this.client = client;
    this.paths = paths;
    this.clock = clock;
  }

  /** A znode's data and stat, or null data when it does not exist. */
  private record Read(byte[] data, Stat stat) {}

  @Override
  public boolean put(Lease lease, String name, byte[] bytes) throws MetastoreException {
    StateStore.checkSize(lease.service(), name, bytes.length);
    return ZkCalls.call(
        "store state file " + name + " of " + lease.service(), () -> write(lease, name, bytes));
  }

  private boolean write(Lease lease, String name, byte[] bytes) throws Exception {
    String service = lease.service();
    Read counter = read(paths.epoch(service));
    Read current = read(paths.lease(service));
    if (counter.data() == null || !held(lease, current)) {
      return false;
    }
    Read head = read(paths.state(service, name));
    StateHead old = head.data() == null ? null : ZkData.read(head.data(), StateHead.class);
    if (old != null && old.epoch() > lease.epoch()) {
      return false;
    }
    String generation = UUID.randomUUID().toString();
    int chunks = writeChunks(service, name, generation, bytes);
    StateHead next = new StateHead(lease.epoch(), generation, chunks, bytes.length);
    if (!ZkCalls.commit(client, ops(lease, counter, current, head, next, name))) {
      deleteChunks(service, name, generation, chunks);
      return false;
    }
    if (old != null) {
      deleteChunks(service, name, old.generation(), old.chunks());
    }
    return true;
  }

  private boolean held(Lease lease, Read current) throws Exception {
    if (current.data() == null) {
      return false;
    }
    LeaseData d = ZkData.read(current.data(), LeaseData.class);
    return d.holder().equals(lease.holder())
        && d.epoch() == lease.epoch()
        && clock.now() < current.stat().getMtime() + d.ttlMs();
  }

  private List<CuratorOp> ops(
      Lease lease, Read counter, Read current, Read head, StateHead next, String name)
      throws Exception {
    String service = lease.service();
    byte[] data = ZkData.write(next);
    String path = paths.state(service, name);
    CuratorOp setHead =
        head.data() == null
            ? client.transactionOp().create().forPath(path, data)
            : client
                .transactionOp()
                .setData()
                .withVersion(head.stat().getVersion())
                .forPath(path, data);
    return List.of(
        client
            .transactionOp()
            .check()
            .withVersion(counter.stat().getVersion())
            .forPath(paths.epoch(service)),
        client
            .transactionOp()
            .check()
            .withVersion(current.stat().getVersion())
            .forPath(paths.lease(service)),
        setHead);
  }

  private int writeChunks(String service, String name, String generation, byte[] bytes)
      throws Exception {
    String parent = paths.stateChunks(service, name);
    int chunks = Math.max(1, (bytes.length + CHUNK - 1) / CHUNK);
    for (int i = 0; i < chunks; i++) {
      byte[] part = Arrays.copyOfRange(bytes, i * CHUNK, Math.min(bytes.length, (i + 1) * CHUNK));
      client.create().creatingParentsIfNeeded().forPath(parent + "/" + generation + "-" + i, part);
    }
    ensureParent(paths.state(service, name));
    return chunks;
  }

  /** Creates the parent of {@code path} (a multi-op cannot), unless it exists. */
  private void ensureParent(String path) throws Exception {
    String parent = path.substring(0, path.lastIndexOf('/'));
    try {
      client.create().creatingParentsIfNeeded().forPath(parent, new byte[0]);
    } catch (KeeperException.NodeExistsException e) {
      // created before
    }
  }

  private void deleteChunks(String service, String name, String generation, int chunks) {
    String parent = paths.stateChunks(service, name);
    for (int i = 0; i < chunks; i++) {
      try {
        client.delete().forPath(parent + "/" + generation + "-" + i);
      } catch (Exception e) {
        // gone already, or left for the next write of this file to replace
      }
    }
  }

  @Override
  public Optional<StoredState> get(String service, String name) throws MetastoreException {
    return ZkCalls.call("read state file " + name + " of " + service, () -> newest(service, name));
  }

  private Optional<StoredState> newest(String service, String name) throws Exception {
    for (int attempt = 1; ; attempt++) {
      Read head = read(paths.state(service, name));
      if (head.data() == null) {
        return Optional.empty();
      }
      StateHead h = ZkData.read(head.data(), StateHead.class);
      long now = clock.now();
      byte[] bytes = readChunks(service, name, h);
      if (bytes != null) {
        Duration age = Duration.ofMillis(Math.max(0, now - head.stat().getMtime()));
        return Optional.of(new StoredState(service, name, bytes, h.epoch(), age));
      }
      if (attempt >= READ_ATTEMPTS) {
        throw new MetastoreException("state file " + name + " of " + service + " kept changing");
      }
    }
  }

  /** The content of generation {@code h}, or null when it was replaced meanwhile. */
  private byte[] readChunks(String service, String name, StateHead h) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream(h.size());
    String parent = paths.stateChunks(service, name);
    for (int i = 0; i < h.chunks(); i++) {
      Read chunk = read(parent + "/" + h.generation() + "-" + i);
      if (chunk.data() == null) {
        return null;
      }
      out.write(chunk.data());
    }
    return out.toByteArray();
  }

  private Read read(String path) throws Exception {
    Stat stat = new Stat();
    try {
      return new Read(client.getData().storingStatIn(stat).forPath(path), stat);
    } catch (KeeperException.NoNodeException e) {
      return new Read(null, null);
    }
  }
}
