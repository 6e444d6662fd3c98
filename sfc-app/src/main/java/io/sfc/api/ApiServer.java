package io.sfc.api;

import io.sfc.admin.ClusterAdmin;
import io.sfc.api.HttpIo.ApiError;
import io.sfc.api.config.ApiConfig;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.port.MonotonicClock;
import io.sfc.tls.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of one controller: {@code /health}, {@code /active}, {@code /api/*}, {@code
 * /metrics} and the dashboard, on Jetty (core handlers) with the limits of {@code api.limits}.
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
    void handle(Exchange ex) throws ApiError;
  }

  private final Server server;
  private final ServerConnector connector;

  private ApiServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Binds the configured address and port of {@code ctx.node()} and starts serving. */
  public static ApiServer start(Context ctx) throws IOException, GeneralSecurityException {
    ApiConfig api = ctx.api();
    ApiServer s = serve(api, api.portOf(ctx.node()), new Endpoints(ctx, dashboard()).routes());
    LOG.info(
        "API listening on {}://{}:{}/ (writes {})",
        api.tls() == null ? "http" : "https",
        api.bind(),
        s.port(),
        api.hasToken() ? "need the bearer token" : "disabled: no api.token");
    return s;
  }

  /**
   * The API of a controller that is not running yet because its metastore cannot be opened: every
   * request, {@code /health} and {@code /active} included, is answered 503 with {@code cause} (what
   * is wrong with the metastore, read at each request), so that supervisors and load balancers see
   * why. {@link #close()} it before the controller binds the port itself.
   */
  public static ApiServer startWaiting(String node, ApiConfig api, Supplier<String> cause)
      throws IOException, GeneralSecurityException {
    Handler waiting =
        ex ->
            HttpIo.json(
                ex,
                503,
                Map.of("status", "waiting for the metastore", "node", node, "cause", cause.get()));
    Map<String, Map<String, Handler>> routes = Map.of("/", Map.of("GET", waiting, "POST", waiting));
    return serve(api, api.portOf(node), routes);
  }

  private static ApiServer serve(ApiConfig api, int port, Map<String, Map<String, Handler>> routes)
      throws IOException, GeneralSecurityException {
    ApiConfig.Limits limits = api.limits();
    Server server = new Server(pool(limits));
    ServerConnector connector = connector(server, api);
    connector.setHost(api.bind());
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    connector.addEventListener(new ConnectionGuard(limits, connector.getScheduler()));
    server.addConnector(connector);
    server.setHandler(new Routes(routes, server.getThreadPool()));
    server.setErrorHandler(new JsonErrors());
    startOrFail(server);
    return new ApiServer(server, connector);
  }

  private static QueuedThreadPool pool(ApiConfig.Limits limits) {
    int max = Math.max(limits.threads(), 8);
    QueuedThreadPool pool = new QueuedThreadPool(max, Math.min(4, max));
    pool.setName("sfc-api");
    pool.setDaemon(true);
    return pool;
  }

  private static ServerConnector connector(Server server, ApiConfig api)
      throws IOException, GeneralSecurityException {
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(api.limits().maxHeaderBytes());
    http.setSendServerVersion(false);
    HttpConnectionFactory h1 = new HttpConnectionFactory(http);
    if (api.tls() == null) {
      return new ServerConnector(server, 1, 1, h1);
    }
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setSslContext(sslContext(api.tls()));
    tls.setNeedClientAuth(api.tls().clientAuth() == ApiConfig.ClientAuth.REQUIRED);
    tls.setWantClientAuth(api.tls().clientAuth() == ApiConfig.ClientAuth.OPTIONAL);
    return new ServerConnector(server, 1, 1, new SslConnectionFactory(tls, h1.getProtocol()), h1);
  }

  private static void startOrFail(Server server) throws IOException {
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly(server);
      throw e;
    } catch (Exception e) {
      stopQuietly(server);
      throw new IOException("the API server did not start: " + e.getMessage(), e);
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.debug("API server stop failed: {}", e.getMessage());
    }
  }

  /**
   * An SSL context serving the key of {@code tls}'s keystore and trusting, for client certificates,
   * the CAs of {@code tls.clientCa()} (when set).
   */
  static SSLContext sslContext(ApiConfig.Tls tls) throws IOException, GeneralSecurityException {
    char[] password = tls.password().toCharArray();
    KeyStore ks = KeyStore.getInstance(tls.type());
    try (InputStream in = Files.newInputStream(tls.keystore())) {
      ks.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), clientTrust(tls), null);
    return ssl;
  }

  private static TrustManager[] clientTrust(ApiConfig.Tls tls)
      throws IOException, GeneralSecurityException {
    if (tls.clientCa() == null) {
      return null;
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(Pem.trustStore(tls.clientCa()));
    return tmf.getTrustManagers();
  }

  private static byte[] dashboard() throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("dashboard.html")) {
      if (in == null) {
        throw new IOException("dashboard.html missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  /** Runs {@code h} for {@code ex}, turning its errors into JSON error responses. */
  static void run(Exchange ex, Handler h) {
    try {
      h.handle(ex);
    } catch (ApiError e) {
      HttpIo.json(ex, e.status, JsonViews.error(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("API request {} {} failed", ex.method(), ex.path(), e);
      HttpIo.json(ex, 500, JsonViews.error("internal error: " + e));
    }
  }

  /** Finds the handler by path (exact, else the dashboard's {@code /}) and method. */
  private static final class Routes extends org.eclipse.jetty.server.Handler.Abstract {
    private final Map<String, Map<String, Handler>> routes;
    private final Executor executor;

    Routes(Map<String, Map<String, Handler>> routes, Executor executor) {
      this.routes = routes;
      this.executor = executor;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Exchange ex = new Exchange(request, response, callback, executor);
      Map<String, Handler> byMethod = routes.getOrDefault(ex.path(), routes.get("/"));
      run(ex, e -> dispatch(e, byMethod));
      return true;
    }

    private static void dispatch(Exchange ex, Map<String, Handler> byMethod) throws ApiError {
      String method = "HEAD".equals(ex.method()) ? "GET" : ex.method();
      Handler h = byMethod.get(method);
      if (h == null) {
        ex.setHeader("Allow", String.join(", ", byMethod.keySet()));
        throw new ApiError(405, method + " is not allowed here; use " + byMethod.keySet());
      }
      h.handle(ex);
    }
  }

  /**
   * Errors Jetty answers itself (400 malformed, 431 header too large...) as JSON {@code {error}}.
   */
  private static final class JsonErrors extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      int status = response.getStatus();
      String reason = HttpStatus.getMessage(status);
      byte[] body =
          ("{\"error\":\"" + status + " " + reason + "\"}\n").getBytes(StandardCharsets.UTF_8);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.write(true, ByteBuffer.wrap(body), callback);
      return true;
    }
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops accepting, gives running exchanges a second to finish. */
  @Override
  public void close() {
    server.setStopTimeout(1000);
    stopQuietly(server);
  }
}
