package io.sfc.metastore.zookeeper;

import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.zookeeper.ZkData.EpochData;
import io.sfc.metastore.zookeeper.ZkData.LeaseData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Leases as ephemeral znodes owned by the holder's ZooKeeper session, with the epoch in a
 * persistent counter znode.
 *
 * <p>A lease ends at the first of: its release (the znode is deleted), the end of the holder's
 * session (ZooKeeper deletes the ephemeral), or its TTL, judged on the ZooKeeper clock: the lease
 * znode's mtime (stamped by the leader at the last acquisition or renewal) plus the TTL stored in
 * it, compared with {@link ZkClock#now()}. The TTL matters because a live session alone would keep
 * a lease forever even when its controller stopped renewing.
 *
 * <p>Every change is one ZooKeeper multi-op that is conditional on the versions just read: the
 * epoch counter's version (changed by every acquisition) and the lease znode's version. When
 * anything changed in between, the multi-op fails as a whole and the call answers "not acquired" or
 * "not renewed". The epoch is the counter's value, advanced by one in the same multi-op that
 * creates the lease znode, so epochs are strictly increasing.
 *
 * <p>{@link #renew} also requires the lease znode to be owned by this client's current session:
 * after a session expiry a new session never renews the old lease. {@link #release} works from any
 * session (as on every backend, holder and epoch decide), since it can only free a lease. It marks
 * the epoch counter {@code released} in the same multi-op: a lease znode deleted by ZooKeeper at
 * the end of its holder's session looks like a released one otherwise.
 */
final class ZkLeaseStore implements LeaseStore {
  private final CuratorFramework client;
  private final ZkPaths paths;
  private final ZkClock clock;

  ZkLeaseStore(CuratorFramework client, ZkPaths paths, ZkClock clock) {
    this.client = client;
    this.paths = paths;
    this.clock = clock;
  }

  /** The lease znode as read, with its stat, or null when there is none. */
  private record Current(LeaseData data, Stat stat) {
    boolean validAt(long now) {
      return data != null && now < stat.getMtime() + data.ttlMs();
    }
  }

  /** The epoch counter as read, with its stat. */
  private record Counter(EpochData data, Stat stat) {}

  @Override
  public Optional<Lease> tryAcquire(String service, String node, Duration ttl)
      throws MetastoreException {
    return ZkCalls.call("acquire lease of " + service, () -> acquire(service, node, ttl));
  }

  private Optional<Lease> acquire(String service, String node, Duration ttl) throws Exception {
    Counter counter = counter(service);
    long now = clock.now();
    Current current = current(service);
    if (current.validAt(now)) {
      return Optional.empty();
    }
    long epoch = counter.data().epoch() + 1;
    List<CuratorOp> ops = deleteStale(service, current);
    ops.add(
        client
            .transactionOp()
            .setData()
            .withVersion(counter.stat().getVersion())
            .forPath(paths.epoch(service), ZkData.write(new EpochData(epoch, node))));
    ops.add(
        client
            .transactionOp()
            .create()
            .withMode(CreateMode.EPHEMERAL)
            .forPath(
                paths.lease(service), ZkData.write(new LeaseData(node, epoch, ttl.toMillis()))));
    return ZkCalls.commit(client, ops)
        ? Optional.of(new Lease(service, node, epoch))
        : Optional.empty();
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) throws MetastoreException {
    return ZkCalls.call("renew lease of " + lease.service(), () -> renewHeld(lease, ttl));
  }

  private boolean renewHeld(Lease lease, Duration ttl) throws Exception {
    Optional<Held> held = held(lease, true);
    if (held.isEmpty()) {
      return false;
    }
    LeaseData data = new LeaseData(lease.holder(), lease.epoch(), ttl.toMillis());
    return ZkCalls.commit(
        client,
        List.of(
            held.get().unchangedCounter(),
            client
                .transactionOp()
                .setData()
                .withVersion(held.get().leaseVersion())
                .forPath(paths.lease(lease.service()), ZkData.write(data))));
  }

  @Override
  public boolean release(Lease lease) throws MetastoreException {
    return ZkCalls.call("release lease of " + lease.service(), () -> releaseHeld(lease));
  }

  private boolean releaseHeld(Lease lease) throws Exception {
    Optional<Held> held = held(lease, false);
    if (held.isEmpty()) {
      return false;
    }
    EpochData released = new EpochData(lease.epoch(), lease.holder(), true);
    return ZkCalls.commit(
        client,
        List.of(
            client
                .transactionOp()
                .setData()
                .withVersion(held.get().counterVersion())
                .forPath(paths.epoch(lease.service()), ZkData.write(released)),
            client
                .transactionOp()
                .delete()
                .withVersion(held.get().leaseVersion())
                .forPath(paths.lease(lease.service()))));
  }

  /** The versions under which a held lease was read. */
  private record Held(CuratorOp unchangedCounter, int leaseVersion, int counterVersion) {}

  /**
   * The versions of the lease znode and the epoch counter when the lease znode is {@code lease},
   * valid now, and (when {@code ownSession}) owned by this session. Conditions on both versions
   * make a later write fail when anyone acquired in between: an acquisition always advances the
   * counter, and a re-created lease znode may have the same version as the one read.
   */
  private Optional<Held> held(Lease lease, boolean ownSession) throws Exception {
    Stat counter = client.checkExists().forPath(paths.epoch(lease.service()));
    long now = clock.now();
    Current current = current(lease.service());
    boolean mine =
        counter != null
            && current.validAt(now)
            && current.data().holder().equals(lease.holder())
            && current.data().epoch() == lease.epoch()
            && (!ownSession || current.stat().getEphemeralOwner() == sessionId());
    if (!mine) {
      return Optional.empty();
    }
    CuratorOp check =
        client
            .transactionOp()
            .check()
            .withVersion(counter.getVersion())
            .forPath(paths.epoch(lease.service()));
    return Optional.of(new Held(check, current.stat().getVersion(), counter.getVersion()));
  }

  @Override
  public LeaseRecord read(String service) throws MetastoreException {
    return ZkCalls.call("read lease of " + service, () -> readRecord(service));
  }

  private LeaseRecord readRecord(String service) throws Exception {
    long now = clock.now();
    Current current = current(service);
    if (current.data() != null) {
      long remaining = current.stat().getMtime() + current.data().ttlMs() - now;
      LeaseData d = current.data();
      return new LeaseRecord(service, d.holder(), d.epoch(), Duration.ofMillis(remaining), false);
    }
    Stat stat = client.checkExists().forPath(paths.epoch(service));
    if (stat == null) {
      return LeaseRecord.vacant(service);
    }
    EpochData last = ZkData.read(client.getData().forPath(paths.epoch(service)), EpochData.class);
    return new LeaseRecord(service, last.holder(), last.epoch(), Duration.ZERO, last.released());
  }

  /**
   * Forgets the holder of every free lease: deletes an expired lease znode and clears the holder in
   * the epoch counter, keeping the epoch; one conditional multi-op per service.
   *
   * @return how many leases were changed
   */
  int vacateFree() throws MetastoreException {
    return ZkCalls.call("clear free leases", this::vacateAll);
  }

  private int vacateAll() throws Exception {
    List<String> services;
    try {
      services = client.getChildren().forPath(paths.epochs());
    } catch (KeeperException.NoNodeException e) {
      return 0;
    }
    int changed = 0;
    for (String encoded : services) {
      changed += vacate(ZkPaths.dec(encoded)) ? 1 : 0;
    }
    return changed;
  }

  private boolean vacate(String service) throws Exception {
    Counter counter = counter(service);
    Current current = current(service);
    if (current.validAt(clock.now())
        || (current.data() == null && counter.data().holder() == null)) {
      return false;
    }
    List<CuratorOp> ops = deleteStale(service, current);
    EpochData kept = new EpochData(counter.data().epoch(), null);
    ops.add(
        client
            .transactionOp()
            .setData()
            .withVersion(counter.stat().getVersion())
            .forPath(paths.epoch(service), ZkData.write(kept)));
    return ZkCalls.commit(client, ops);
  }

  /** The op that deletes the stale lease znode {@code current}, if there is one. */
  private List<CuratorOp> deleteStale(String service, Current current) throws Exception {
    List<CuratorOp> ops = new ArrayList<>();
    if (current.data() != null) {
      ops.add(
          client
              .transactionOp()
              .delete()
              .withVersion(current.stat().getVersion())
              .forPath(paths.lease(service)));
    }
    return ops;
  }

  /** The lease znode, or a record with null data when there is none. */
  private Current current(String service) throws Exception {
    Stat stat = new Stat();
    try {
      byte[] bytes = client.getData().storingStatIn(stat).forPath(paths.lease(service));
      return new Current(ZkData.read(bytes, LeaseData.class), stat);
    } catch (KeeperException.NoNodeException e) {
      return new Current(null, null);
    }
  }

  /** The epoch counter, created at zero on first use. */
  private Counter counter(String service) throws Exception {
    String path = paths.epoch(service);
    try {
      client.create().creatingParentsIfNeeded().forPath(path, ZkData.write(new EpochData(0, null)));
    } catch (KeeperException.NodeExistsException e) {
      // created before, by this or another node
    }
    Stat stat = new Stat();
    byte[] bytes = client.getData().storingStatIn(stat).forPath(path);
    return new Counter(ZkData.read(bytes, EpochData.class), stat);
  }

  private long sessionId() throws Exception {
    return client.getZookeeperClient().getZooKeeper().getSessionId();
  }
}
