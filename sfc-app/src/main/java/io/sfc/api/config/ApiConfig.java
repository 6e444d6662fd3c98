package io.sfc.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code api:} section: the HTTP server every controller runs (status, health, metrics,
 * dashboard, operator writes).
 *
 * @param enabled false to run no HTTP server at all
 * @param bind the address to listen on
 * @param port the port, unless the node overrides it with {@code nodes[].api_port}
 * @param nodePorts per-node port overrides by node id
 * @param token the bearer token that write requests must carry, or null: then every write is
 *     refused
 * @param tls the keystore to serve HTTPS from, or null for plain HTTP
 * @param limits what one client may cost the server (deadlines, sizes, connections)
 */
public record ApiConfig(
    boolean enabled,
    String bind,
    int port,
    Map<String, Integer> nodePorts,
    String token,
    Tls tls,
    Limits limits) {

  /** The default bind address: loopback only. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  /** The default port. */
  public static final int DEFAULT_PORT = 7480;

  /** The defaults: enabled on 127.0.0.1:7480, no token, no TLS. */
  public static final ApiConfig DEFAULTS =
      new ApiConfig(true, DEFAULT_BIND, DEFAULT_PORT, Map.of(), null, null, Limits.DEFAULTS);

  public ApiConfig {
    nodePorts = Map.copyOf(nodePorts);
  }

  /**
   * Why this API is exposed beyond this host without protection, or null: bound off loopback
   * without TLS (the token and every status page travel in clear) or without a token.
   */
  public String exposureWarning() {
    if (!enabled || loopback(bind)) {
      return null;
    }
    if (tls == null) {
      return "the API listens on "
          + bind
          + " without TLS: the bearer token and the status pages cross the network in clear;"
          + " add api.tls (a keystore) or bind: 127.0.0.1";
    }
    return token == null
        ? "the API listens on "
            + bind
            + " without a token: anyone who reaches it reads status and history, and no one can"
            + " pause or switch over through it; set api.token: ${SFC_API_TOKEN}"
        : null;
  }

  private static boolean loopback(String bind) {
    return bind.startsWith("127.") || bind.equals("::1") || bind.equals("0:0:0:0:0:0:0:1");
  }

  /**
   * The {@code api.limits:} settings: what one client, slow, idle or hostile, may cost the server.
   *
   * @param headerTimeout a connection must send a complete request header within this, else it is
   *     closed
   * @param bodyTimeout a request's body must arrive within this, else 408
   * @param idleTimeout a keep-alive connection with no traffic for this long is closed
   * @param maxHeaderBytes larger request lines plus headers get 431
   * @param maxBodyBytes larger request bodies get 413
   * @param maxConnections connections beyond this are closed at once
   * @param maxConnectionsPerClient connections from one IP address beyond this are closed at once
   * @param threads the size of the server's thread pool
   */
  public record Limits(
      Duration headerTimeout,
      Duration bodyTimeout,
      Duration idleTimeout,
      int maxHeaderBytes,
      int maxBodyBytes,
      int maxConnections,
      int maxConnectionsPerClient,
      int threads) {
    /** 5 s header, 10 s body, 30 s idle, 8 KiB header and body, 100 connections, 20 per client. */
    public static final Limits DEFAULTS =
        new Limits(
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            8192,
            8192,
            100,
            20,
            16);
  }

  /** The port {@code node} listens on. */
  public int portOf(String node) {
    return node == null ? port : nodePorts.getOrDefault(node, port);
  }

  /** True when write requests can be authorised at all. */
  public boolean hasToken() {
    return token != null && !token.isEmpty();
  }

  /** The same settings with another base port (tests, demo). */
  public ApiConfig withPort(int newPort) {
    return new ApiConfig(enabled, bind, newPort, nodePorts, token, tls, limits);
  }

  /** The same settings with per-node port overrides. */
  public ApiConfig withNodePorts(Map<String, Integer> ports) {
    return new ApiConfig(enabled, bind, port, ports, token, tls, limits);
  }

  /**
   * The {@code api.tls:} keystore, and the CA whose client certificates the server asks for.
   *
   * @param keystore the keystore file (absolute, or resolved against the configuration file)
   * @param password the keystore (and key) password
   * @param type the keystore type, {@code PKCS12} or {@code JKS}
   * @param clientCa a PEM bundle of the CAs that sign client certificates, or null: no client
   *     certificates are asked for
   * @param clientAuth whether a client certificate is required or only checked when sent; null when
   *     {@code clientCa} is null
   */
  public record Tls(
      Path keystore, String password, String type, Path clientCa, ClientAuth clientAuth) {
    @Override
    public String toString() {
      return "Tls[keystore="
          + keystore
          + ", type="
          + type
          + (clientCa == null ? "" : ", clientCa=" + clientCa + ", clientAuth=" + clientAuth)
          + "]";
    }
  }

  /** {@code api.tls.client_auth}: what the server does about client certificates. */
  public enum ClientAuth {
    /** The handshake fails without a certificate signed by {@code client_ca}. */
    REQUIRED,
    /** A client may send no certificate; one that it sends must be signed by {@code client_ca}. */
    OPTIONAL
  }

  @Override
  public String toString() {
    return "ApiConfig[enabled="
        + enabled
        + ", bind="
        + bind
        + ", port="
        + port
        + ", nodePorts="
        + nodePorts
        + ", token="
        + (hasToken() ? "***" : "none")
        + ", tls="
        + tls
        + ", limits="
        + limits
        + "]";
  }
}
