package io.sfc.metastore.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.sfc.core.port.ChangeWatch;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.EventRetention;
import io.sfc.metastore.MetastoreTls;
import io.sfc.metastore.TlsErrors;
import io.sfc.metastore.TlsProbe;
import io.sfc.time.SystemTime;
import io.sfc.time.WallClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The metastore kept in etcd (v3 API), through jetcd. See {@link EtcdLeaseStore} for how leases
 * work and {@link EtcdKeys} for the keys. Every call waits at most the call timeout. User and
 * password authentication is supported, and TLS ({@code https://} endpoints) with an optional
 * client certificate.
 */
public final class EtcdMetastore implements Metastore {
  private final Ports ports;
  private final Client client;
  private final String description;
  private final EtcdLeaseStore leases;
  private final EtcdEventLog events;
  private final EtcdMemberRegistry members;
  private final EtcdDirectiveStore directives;
  private final EtcdKeys keys;
  private final EtcdCalls calls;

  private EtcdMetastore(
      Client client,
      String cluster,
      Duration callTimeout,
      String description,
      EventRetention retention,
      WallClock wall) {
    this.client = client;
    this.description = description;
    this.keys = new EtcdKeys(cluster);
    this.calls = new EtcdCalls(callTimeout);
    this.leases = new EtcdLeaseStore(client, keys, calls);
    this.events = new EtcdEventLog(client, keys, calls, retention, wall);
    this.members = new EtcdMemberRegistry(client, keys, calls, wall);
    this.directives = new EtcdDirectiveStore(client, keys, calls);
    this.ports =
        new Ports(leases, events, members, directives, new EtcdStateStore(client, keys, calls));
  }

  /**
   * Connects to etcd and checks that it answers.
   *
   * @param endpoints e.g. {@code http://127.0.0.1:2379}
   * @param user user name, or null for no authentication
   * @param password password (with {@code user}); never shown in messages
   * @param cluster the cluster whose keys this metastore reads and writes
   * @param callTimeout how long one call may block
   * @throws MetastoreException when etcd does not answer within {@code callTimeout}
   */
  public static EtcdMetastore open(
      List<String> endpoints, String user, String password, String cluster, Duration callTimeout)
      throws MetastoreException {
    return open(endpoints, user, password, null, cluster, callTimeout);
  }

  /**
   * Connects to etcd, over TLS when {@code tls} is not null, and checks that it answers.
   *
   * @param tls the CA and optional client certificate for {@code https://} endpoints, or null
   * @throws MetastoreException when etcd does not answer within {@code callTimeout}, or the TLS
   *     files cannot be read or are refused (the message names the cause and the fix)
   */
  public static EtcdMetastore open(
      List<String> endpoints,
      String user,
      String password,
      MetastoreTls tls,
      String cluster,
      Duration callTimeout)
      throws MetastoreException {
    return open(
        endpoints,
        user,
        password,
        tls,
        cluster,
        callTimeout,
        EventRetention.DEFAULT,
        SystemTime.WALL);
  }

  /**
   * Connects to etcd as {@link #open(List, String, String, MetastoreTls, String, Duration)}; the
   * event log keeps events as {@code retention} says, and {@code wall}, this controller's wall
   * clock, dates the events it writes (etcd has no clock to read); no age depends on it.
   */
  public static EtcdMetastore open(
      List<String> endpoints,
      String user,
      String password,
      MetastoreTls tls,
      String cluster,
      Duration callTimeout,
      EventRetention retention,
      WallClock wall)
      throws MetastoreException {
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (endpoints == null || endpoints.isEmpty()) {
      throw new MetastoreException("no etcd endpoints given");
    }
    if (cluster == null || cluster.isBlank() || cluster.length() > 200) {
      throw new MetastoreException("cluster name must be 1 to 200 characters: '" + cluster + "'");
    }
    String description = "etcd " + String.join(",", endpoints);
    SslContext ssl = tls == null ? null : sslContext(tls);
    Client client = client(endpoints, user, password, callTimeout, ssl);
    EtcdMetastore m = new EtcdMetastore(client, cluster, callTimeout, description, retention, wall);
    try {
      new EtcdCalls(callTimeout)
          .await(
              "cannot open metastore " + description,
              client
                  .getKVClient()
                  .get(
                      ByteSequence.from("/sfc/", StandardCharsets.UTF_8),
                      GetOption.builder().withCountOnly(true).build()));
    } catch (MetastoreException e) {
      client.close();
      throw tlsExplained(e, description, endpoints, tls, callTimeout);
    }
    try {
      new EtcdSchema(client.getKVClient(), m.keys, m.calls, description).checkAndStamp();
    } catch (MetastoreException e) {
      client.close();
      throw e;
    }
    return m;
  }

  /** {@code e}, or a rejection naming the TLS cause when TLS made the connection fail. */
  private static MetastoreException tlsExplained(
      MetastoreException e,
      String description,
      List<String> endpoints,
      MetastoreTls tls,
      Duration callTimeout) {
    String why = tls == null ? null : tlsCause(e, endpoints.get(0), tls, callTimeout);
    return why == null
        ? e
        : new MetastoreException(
            MetastoreException.Kind.REJECTED,
            "cannot open metastore " + description + ": " + why,
            e);
  }

  /** Why the TLS connection to {@code endpoint} failed, or null when TLS is not the cause. */
  private static String tlsCause(
      MetastoreException e, String endpoint, MetastoreTls tls, Duration timeout) {
    String why = TlsErrors.explain(e, tls);
    if (why != null) {
      return why;
    }
    java.net.URI uri = java.net.URI.create(endpoint);
    return TlsProbe.diagnose(uri.getHost(), uri.getPort(), tls, timeout);
  }

  private static SslContext sslContext(MetastoreTls tls) throws MetastoreException {
    try {
      SslContextBuilder b = GrpcSslContexts.forClient();
      if (tls.ca() != null) {
        b.trustManager(tls.ca().toFile());
      }
      if (tls.cert() != null) {
        b.keyManager(tls.cert().toFile(), tls.key().toFile());
      }
      return b.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new MetastoreException(
          MetastoreException.Kind.REJECTED,
          "cannot use the etcd TLS files (metastore.tls): "
              + e.getMessage()
              + "; give PEM files: ca and cert as certificates, key as an unencrypted PKCS#8 key",
          e);
    }
  }

  private static Client client(
      List<String> endpoints, String user, String password, Duration callTimeout) {
    return client(endpoints, user, password, callTimeout, null);
  }

  private static Client client(
      List<String> endpoints, String user, String password, Duration callTimeout, SslContext ssl) {
    ClientBuilder b =
        Client.builder()
            .endpoints(endpoints.toArray(String[]::new))
            .connectTimeout(callTimeout)
            .retryMaxDuration(callTimeout);
    if (user != null) {
      b.user(ByteSequence.from(user, StandardCharsets.UTF_8))
          .password(ByteSequence.from(password == null ? "" : password, StandardCharsets.UTF_8));
    }
    if (ssl != null) {
      b.sslContext(ssl);
    }
    return b.build();
  }

  @Override
  public Ports ports() {
    return ports;
  }

  @Override
  public Cleared clear() throws MetastoreException {
    int events = deletePrefix("events");
    int members = deleteMembers();
    int directives = deletePrefix("pauses") + deletePrefix("switchovers");
    return new Cleared(events, members, directives, vacateFree());
  }

  private int deletePrefix(String kind) throws MetastoreException {
    DeleteOption all = DeleteOption.builder().isPrefix(true).build();
    return (int)
        calls
            .await("clear " + kind, client.getKVClient().delete(keys.prefix(kind), all))
            .getDeleted();
  }

  /** Deletes the member reports and revokes their age leases. */
  private int deleteMembers() throws MetastoreException {
    DeleteOption all = DeleteOption.builder().isPrefix(true).withPrevKV(true).build();
    DeleteResponse r =
        calls.await("clear members", client.getKVClient().delete(keys.prefix("members"), all));
    EtcdLeases etcdLeases = new EtcdLeases(client, calls);
    r.getPrevKvs().forEach(kv -> etcdLeases.revokeQuietly(kv.getLease()));
    return (int) r.getDeleted();
  }

  /** Deletes the last-holder key of every service whose lease key does not exist (is free). */
  private int vacateFree() throws MetastoreException {
    GetOption all = GetOption.builder().isPrefix(true).withKeysOnly(true).build();
    List<KeyValue> lasts =
        calls
            .await("list last holders", client.getKVClient().get(keys.prefix("last"), all))
            .getKvs();
    int vacated = 0;
    for (KeyValue last : lasts) {
      Cmp free =
          new Cmp(keys.leaseOfLast(last.getKey()), Cmp.Op.EQUAL, CmpTarget.createRevision(0));
      Op delete = Op.delete(last.getKey(), DeleteOption.DEFAULT);
      TxnResponse r =
          calls.await(
              "clear a free lease", client.getKVClient().txn().If(free).Then(delete).commit());
      vacated += r.isSucceeded() ? 1 : 0;
    }
    return vacated;
  }

  /** One etcd watch on the cluster's prefix ({@link EtcdChangeWatch}). */
  @Override
  public ChangeWatch watch(ScheduledExecutorService executor) {
    return new EtcdChangeWatch(client, keys, executor);
  }

  /** E.g. {@code etcd http://127.0.0.1:2379}; never contains credentials. */
  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    client.close();
  }
}
