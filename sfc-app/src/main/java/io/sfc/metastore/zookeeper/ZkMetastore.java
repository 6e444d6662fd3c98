package io.sfc.metastore.zookeeper;

import io.sfc.core.port.ChangeWatch;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.EventRetention;
import io.sfc.metastore.MetastoreTls;
import io.sfc.metastore.TlsProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * The metastore kept in ZooKeeper, through Apache Curator. See {@link ZkLeaseStore} for how leases
 * work and {@link ZkPaths} for the znodes.
 *
 * <p>The session timeout is the lease TTL: the holder's ephemeral lease znode outlives a holder
 * that died or lost its connection by about the TTL, the same bound as the TTL stored in the lease.
 * The session may not be shorter than the TTL, or a holder that is still within its local renew
 * deadline could lose its lease to session expiry; so {@link #open} refuses a server that
 * negotiates a shorter session (ZooKeeper caps sessions at {@code maxSessionTimeout}, by default 20
 * × tickTime).
 *
 * <p>Calls are not retried (a retried conditional write could report a lost race for a write that
 * took effect); a call during a disconnection fails with {@link MetastoreException} after about the
 * call timeout, and the controller treats it as "not renewed".
 *
 * <p>With {@link MetastoreTls} the client connects to the servers' {@code secureClientPort} over
 * TLS (ZooKeeper's Netty client socket, PEM trust and key stores, see {@link ZkTls}); digest
 * authentication works over it as over plain connections.
 */
public final class ZkMetastore implements Metastore {
  private final Ports ports;
  private final CuratorFramework client;
  private final String description;
  private final ZkLeaseStore leases;
  private final ZkEventLog events;
  private final ZkMemberRegistry members;
  private final ZkClock clock;
  private final ZkDirectiveStore directives;
  private final ZkPaths paths;
  private final ZkTls tls;

  private ZkMetastore(
      CuratorFramework client,
      ZkPaths paths,
      String description,
      ZkTls tls,
      EventRetention retention) {
    this.client = client;
    this.tls = tls;
    this.paths = paths;
    this.description = description;
    this.clock = new ZkClock(client, paths.clock());
    this.leases = new ZkLeaseStore(client, paths, clock);
    this.events = new ZkEventLog(client, paths, retention);
    this.members = new ZkMemberRegistry(client, paths, clock);
    this.directives = new ZkDirectiveStore(client, paths, clock);
    this.ports =
        new Ports(leases, events, members, directives, new ZkStateStore(client, paths, clock));
  }

  /**
   * Connects to ZooKeeper and creates the cluster's znodes.
   *
   * @param hosts connect string, e.g. {@code h1:2181,h2:2181}
   * @param root path under which all clusters live, e.g. {@code /sfc}
   * @param user digest-auth user, or null for none
   * @param password digest-auth password (with {@code user}); never shown in messages
   * @param cluster the cluster whose znodes this metastore reads and writes
   * @param leaseTtl the lease TTL; the requested session timeout
   * @param callTimeout how long one call (and the first connection) may block
   * @throws MetastoreException when ZooKeeper cannot be reached within {@code callTimeout}, or
   *     grants a session shorter than {@code leaseTtl}
   */
  public static ZkMetastore open(
      String hosts,
      String root,
      String user,
      String password,
      String cluster,
      Duration leaseTtl,
      Duration callTimeout)
      throws MetastoreException {
    return open(
        hosts, root, user, password, null, cluster, leaseTtl, callTimeout, EventRetention.DEFAULT);
  }

  /**
   * Connects to ZooKeeper, over TLS when {@code tls} is not null, and creates the cluster's znodes.
   *
   * @param tls the CA and optional client certificate for the servers' secure client port, or null
   * @param retention how long the event log keeps events
   * @throws MetastoreException as {@link #open(String, String, String, String, String, Duration,
   *     Duration)}, and when the TLS files cannot be read or are refused (the message names the
   *     cause and the fix)
   */
  public static ZkMetastore open(
      String hosts,
      String root,
      String user,
      String password,
      MetastoreTls tls,
      String cluster,
      Duration leaseTtl,
      Duration callTimeout,
      EventRetention retention)
      throws MetastoreException {
    Objects.requireNonNull(hosts, "hosts");
    if (cluster == null || cluster.isBlank() || cluster.length() > 200) {
      throw new MetastoreException("cluster name must be 1 to 200 characters: '" + cluster + "'");
    }
    if (root == null || !root.startsWith("/")) {
      throw new MetastoreException("ZooKeeper root must start with '/': '" + root + "'");
    }
    ZkTls zkTls = tls == null ? null : ZkTls.of(tls);
    CuratorFramework client = client(hosts, user, password, zkTls, leaseTtl, callTimeout);
    try {
      connect(client, hosts, tls, leaseTtl, callTimeout);
      ZkPaths paths = new ZkPaths(root, cluster);
      String description = "zookeeper " + hosts + root;
      ZkSchema schema = new ZkSchema(client, paths, description);
      schema.check();
      createLayout(client, paths);
      schema.stamp();
      return new ZkMetastore(client, paths, description, zkTls, retention);
    } catch (MetastoreException | RuntimeException e) {
      client.close();
      if (zkTls != null) {
        zkTls.close();
      }
      throw e;
    }
  }

  private static CuratorFramework client(
      String hosts, String user, String password, ZkTls tls, Duration ttl, Duration callTimeout) {
    int callMs = (int) Math.max(250, callTimeout.toMillis());
    CuratorFrameworkFactory.Builder b =
        CuratorFrameworkFactory.builder()
            .connectString(hosts)
            .sessionTimeoutMs((int) ttl.toMillis())
            .connectionTimeoutMs(callMs)
            .waitForShutdownTimeoutMs(callMs)
            .retryPolicy(new RetryNTimes(0, 0));
    if (tls != null) {
      b.zkClientConfig(tls.config());
    }
    if (user != null) {
      String secret = user + ":" + (password == null ? "" : password);
      b.authorization("digest", secret.getBytes(StandardCharsets.UTF_8)).aclProvider(creatorOnly());
    }
    return b.build();
  }

  /** With digest auth, znodes are readable and writable only by the same user. */
  private static ACLProvider creatorOnly() {
    return new ACLProvider() {
      @Override
      public List<ACL> getDefaultAcl() {
        return ZooDefs.Ids.CREATOR_ALL_ACL;
      }

      @Override
      public List<ACL> getAclForPath(String path) {
        return ZooDefs.Ids.CREATOR_ALL_ACL;
      }
    };
  }

  private static void connect(
      CuratorFramework client, String hosts, MetastoreTls tls, Duration ttl, Duration callTimeout)
      throws MetastoreException {
    client.start();
    boolean connected;
    try {
      connected = client.blockUntilConnected((int) callTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetastoreException("interrupted while connecting to ZooKeeper " + hosts, e);
    }
    if (!connected) {
      String why = tls == null ? null : tlsCause(hosts, tls, callTimeout);
      if (why != null) {
        throw new MetastoreException(
            MetastoreException.Kind.REJECTED,
            "cannot open metastore zookeeper " + hosts + ": " + why,
            null);
      }
      throw new MetastoreException(
          "cannot open metastore zookeeper " + hosts + ": no connection within " + callTimeout);
    }
    int negotiated =
        ZkCalls.call("read session", () -> client.getZookeeperClient().getZooKeeper())
            .getSessionTimeout();
    if (negotiated < ttl.toMillis()) {
      throw new MetastoreException(
          "ZooKeeper "
              + hosts
              + " granted a session timeout of "
              + negotiated
              + " ms, shorter than lease_ttl ("
              + ttl.toMillis()
              + " ms); lower lease_ttl to at most "
              + negotiated
              + " ms or raise maxSessionTimeout on the ZooKeeper servers (default 20 × tickTime)");
    }
  }

  /** Why the TLS connection to the first of {@code hosts} fails, or null when TLS works. */
  private static String tlsCause(String hosts, MetastoreTls tls, Duration timeout) {
    String first = hosts.split(",", -1)[0].trim();
    int colon = first.lastIndexOf(':');
    String host = first.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(first.substring(colon + 1));
    return TlsProbe.diagnose(host, port, tls, timeout);
  }

  private static void createLayout(CuratorFramework client, ZkPaths paths)
      throws MetastoreException {
    for (String path :
        List.of(
            paths.clock(),
            paths.leases(),
            paths.events(),
            paths.members(),
            paths.pauses(),
            paths.switchovers(),
            paths.base())) {
      ZkCalls.call(
          "create " + path,
          () -> {
            try {
              return client.create().creatingParentsIfNeeded().forPath(path, new byte[0]);
            } catch (KeeperException.NodeExistsException e) {
              return path;
            }
          });
    }
  }

  /**
   * Now on the ZooKeeper leader's clock, in epoch milliseconds: writes this cluster's clock znode
   * and returns its mtime (the clock that stamps the lease znodes).
   */
  @Override
  public OptionalLong clockMillis() throws MetastoreException {
    return OptionalLong.of(ZkCalls.call("write the clock znode", clock::now));
  }

  /**
   * Persistent recursive watches on the cluster's leases, pauses and switchovers ({@link
   * ZkChangeWatch}).
   */
  @Override
  public ChangeWatch watch(ScheduledExecutorService executor) {
    return new ZkChangeWatch(client, paths, executor);
  }

  /** The Curator client, for tests that inject faults. */
  CuratorFramework client() {
    return client;
  }

  @Override
  public Ports ports() {
    return ports;
  }

  @Override
  public Cleared clear() throws MetastoreException {
    int events = ZkCalls.call("clear events", () -> deleteUnder(paths.events()));
    int members = ZkCalls.call("clear member reports", () -> deleteUnder(paths.members()));
    int pauses = ZkCalls.call("clear pauses", () -> deleteUnder(paths.pauses()));
    int moves = ZkCalls.call("clear switchovers", () -> deleteUnder(paths.switchovers()));
    return new Cleared(events, members, pauses + moves, leases.vacateFree());
  }

  /** Deletes everything below {@code path} (keeping it); returns the number of leaves deleted. */
  private int deleteUnder(String path) throws Exception {
    List<String> children;
    try {
      children = client.getChildren().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      return 0;
    }
    int leaves = 0;
    for (String child : children) {
      String full = path + "/" + child;
      int below = deleteUnder(full);
      try {
        client.delete().forPath(full);
      } catch (KeeperException.NoNodeException | KeeperException.NotEmptyException e) {
        continue; // deleted meanwhile, or written to meanwhile (a controller reported again)
      }
      leaves += below == 0 ? 1 : below;
    }
    return leaves;
  }

  /** E.g. {@code zookeeper h1:2181,h2:2181/sfc}; never contains credentials. */
  @Override
  public String describe() {
    return description;
  }

  /** Closes the session: ZooKeeper deletes this node's ephemeral lease znodes at once. */
  @Override
  public void close() {
    client.close();
    if (tls != null) {
      tls.close();
    }
  }
}
