package io.sfc.config;

import java.nio.file.Path;
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
 */
public record ApiConfig(
    boolean enabled, String bind, int port, Map<String, Integer> nodePorts, String token, Tls tls) {

  /** The default bind address: loopback only. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  /** The default port. */
  public static final int DEFAULT_PORT = 7480;

  /** The defaults: enabled on 127.0.0.1:7480, no token, no TLS. */
  public static final ApiConfig DEFAULTS =
      new ApiConfig(true, DEFAULT_BIND, DEFAULT_PORT, Map.of(), null, null);

  public ApiConfig {
    nodePorts = Map.copyOf(nodePorts);
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
    return new ApiConfig(enabled, bind, newPort, nodePorts, token, tls);
  }

  /**
   * The {@code api.tls:} keystore.
   *
   * @param keystore the keystore file (absolute, or resolved against the configuration file)
   * @param password the keystore (and key) password
   * @param type the keystore type, {@code PKCS12} or {@code JKS}
   */
  public record Tls(Path keystore, String password, String type) {
    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + ", type=" + type + "]";
    }
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
        + "]";
  }
}
