package io.sfc.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.sfc.admin.ClusterAdmin;
import io.sfc.api.HttpIo.ApiError;
import io.sfc.config.ApiConfig;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.port.MonotonicClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of one controller: {@code /health}, {@code /active}, {@code /api/*}, {@code
 * /metrics} and the dashboard, on the JDK's HTTP server with a small bounded executor.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /**
   * What the endpoints answer from.
   *
   * @param cluster cluster name
   * @param node this controller's node id
   * @param nodes every configured node
   * @param api the {@code api:} settings
   * @param services the configured service names
   * @param healthBound {@code /health} fails when the loop has not completed a round for longer
   * @param local this controller's own view
   * @param admin the cluster as the metastore sees it, and the operator writes
   * @param metrics the Prometheus text of this controller's metrics
   * @param clock monotonic clock
   */
  public record Context(
      String cluster,
      String node,
      List<NodeSpec> nodes,
      ApiConfig api,
      List<String> services,
      Duration healthBound,
      LocalStatus local,
      ClusterAdmin admin,
      Supplier<String> metrics,
      MonotonicClock clock) {}

  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange ex) throws IOException, ApiError;
  }

  private final HttpServer server;

  private ApiServer(HttpServer server) {
    this.server = server;
  }

  /** Binds the configured address and port of {@code ctx.node()} and starts serving. */
  public static ApiServer start(Context ctx, Executor executor)
      throws IOException, GeneralSecurityException {
    ApiConfig api = ctx.api();
    InetSocketAddress address = new InetSocketAddress(api.bind(), api.portOf(ctx.node()));
    HttpServer server = api.tls() == null ? HttpServer.create(address, 64) : https(address, api);
    Endpoints endpoints = new Endpoints(ctx, dashboard());
    for (Map.Entry<String, Map<String, Handler>> route : endpoints.routes().entrySet()) {
      server.createContext(route.getKey(), ex -> dispatch(ex, route.getValue()));
    }
    server.setExecutor(executor);
    server.start();
    ApiServer s = new ApiServer(server);
    LOG.info(
        "API listening on {}://{}:{}/ (writes {})",
        api.tls() == null ? "http" : "https",
        api.bind(),
        s.port(),
        api.hasToken() ? "need the bearer token" : "disabled: no api.token");
    return s;
  }

  private static HttpServer https(InetSocketAddress address, ApiConfig api)
      throws IOException, GeneralSecurityException {
    HttpsServer s = HttpsServer.create(address, 64);
    s.setHttpsConfigurator(new HttpsConfigurator(sslContext(api.tls())));
    return s;
  }

  /** An SSL context serving the key of {@code tls}'s keystore. */
  static SSLContext sslContext(ApiConfig.Tls tls) throws IOException, GeneralSecurityException {
    char[] password = tls.password().toCharArray();
    KeyStore ks = KeyStore.getInstance(tls.type());
    try (InputStream in = Files.newInputStream(tls.keystore())) {
      ks.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    return ssl;
  }

  private static byte[] dashboard() throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("dashboard.html")) {
      if (in == null) {
        throw new IOException("dashboard.html missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  private static void dispatch(HttpExchange ex, Map<String, Handler> byMethod) {
    try (ex) {
      String method = "HEAD".equals(ex.getRequestMethod()) ? "GET" : ex.getRequestMethod();
      Handler h = byMethod.get(method);
      try {
        if (h == null) {
          ex.getResponseHeaders().set("Allow", String.join(", ", byMethod.keySet()));
          throw new ApiError(405, method + " is not allowed here; use " + byMethod.keySet());
        }
        h.handle(ex);
      } catch (ApiError e) {
        HttpIo.json(ex, e.status, JsonViews.error(e.getMessage()));
      } catch (RuntimeException e) {
        LOG.warn("API request {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
        HttpIo.json(ex, 500, JsonViews.error("internal error: " + e));
      }
    } catch (IOException e) {
      LOG.debug("API response to {} not sent: {}", ex.getRemoteAddress(), e.getMessage());
    }
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting, gives running exchanges a second to finish. */
  @Override
  public void close() {
    server.stop(1);
  }
}
