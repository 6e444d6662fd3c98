package io.sfc.api;

import io.sfc.admin.AdminException;
import io.sfc.admin.AdminJson;
import io.sfc.admin.ClusterView;
import io.sfc.admin.HandoffResult;
import io.sfc.admin.SwitchoverTicket;
import io.sfc.api.ApiServer.Handler;
import io.sfc.api.HttpIo.ApiError;
import io.sfc.core.model.Event;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.MetastoreException;
import io.sfc.reader.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The handlers of every endpoint, by path and method. */
final class Endpoints {
  static final int DEFAULT_HISTORY = 50;
  static final int MAX_HISTORY = 1000;
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ApiServer.Context ctx;
  private final byte[] dashboard;
  private final BearerAuth auth;

  Endpoints(ApiServer.Context ctx, byte[] dashboard) {
    this.ctx = ctx;
    this.dashboard = dashboard.clone();
    this.auth = new BearerAuth(ctx.api().token());
  }

  Map<String, Map<String, Handler>> routes() {
    Map<String, Map<String, Handler>> r = new LinkedHashMap<>();
    r.put("/", Map.of("GET", this::dashboard));
    r.put("/health", Map.of("GET", this::health));
    r.put("/active", Map.of("GET", this::active));
    r.put("/metrics", Map.of("GET", this::metrics));
    r.put("/api/status", Map.of("GET", this::status));
    r.put("/api/history", Map.of("GET", this::history));
    r.put(
        "/api/switchover",
        Map.of("POST", write(List.of("service", "to", "wait"), this::switchover)));
    r.put("/api/pause", Map.of("POST", write(List.of("service"), this::pause)));
    r.put("/api/resume", Map.of("POST", write(List.of("service"), (body, by) -> resume(body))));
    return r;
  }

  private void dashboard(Exchange ex) throws ApiError {
    String path = ex.path();
    if (!path.equals("/") && !path.equals("/index.html")) {
      throw new ApiError(404, "no such page: " + path + "; the dashboard is at /");
    }
    HttpIo.send(ex, 200, "text/html; charset=utf-8", dashboard);
  }

  /**
   * 200 while the loop runs and the metastore accepts this controller; 503 when the loop stalled or
   * the metastore rejects it (then {@code cause} names what is wrong and the fix). Answered from
   * what the loop published after its last round: no metastore call here.
   */
  private void health(Exchange ex) {
    boolean fresh = ctx.local().loopRanWithin(ctx.healthBound());
    String rejection = ctx.local().rejection().orElse(null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", !fresh ? "stalled" : rejection != null ? "metastore rejected" : "ok");
    body.put("node", ctx.node());
    if (rejection != null) {
      body.put("cause", "metastore rejected: " + rejection);
    }
    body.put("loopAgeMs", ctx.local().loopAge().map(Duration::toMillis).orElse(null));
    body.put("boundMs", ctx.healthBound().toMillis());
    HttpIo.json(ex, fresh && rejection == null ? 200 : 503, body);
  }

  private void active(Exchange ex) throws ApiError {
    String service = HttpIo.query(ex).get("service");
    if (service == null || service.isEmpty()) {
      throw new ApiError(400, "give the service: /active?service=NAME");
    }
    knownService(service);
    boolean fresh = ctx.local().loopRanWithin(ctx.healthBound());
    boolean active = fresh && ctx.local().active(service);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", service);
    body.put("node", ctx.node());
    body.put("active", active);
    ctx.local().service(service).ifPresent(s -> body.put("reason", s.reason()));
    HttpIo.json(ex, active ? 200 : 503, body);
  }

  private void metrics(Exchange ex) {
    HttpIo.send(ex, 200, PROMETHEUS_TEXT, ctx.metrics().get().getBytes(StandardCharsets.UTF_8));
  }

  private void status(Exchange ex) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("node", ctx.node());
    body.put(
        "nodes",
        ctx.nodes().stream().map(n -> JsonViews.node(n, ctx.api().portOf(n.id()))).toList());
    body.put("writes", ctx.api().hasToken());
    body.put("local", local());
    int code = 200;
    try {
      ClusterView v = ctx.admin().status();
      body.putAll(HttpIo.JSON.convertValue(AdminJson.status(v), Map.class));
    } catch (MetastoreException e) {
      body.put("cluster", ctx.cluster());
      body.put("error", "metastore unreachable: " + e.getMessage());
      code = 503;
    }
    HttpIo.json(ex, code, body);
  }

  private Map<String, Object> local() {
    long now = ctx.clock().nanoTime();
    return JsonViews.local(
        ctx.node(),
        ctx.local().loopAge().orElse(null),
        ctx.local().loopRanWithin(ctx.healthBound()),
        ctx.local().services(),
        now);
  }

  private void history(Exchange ex) throws ApiError {
    int limit = limit(HttpIo.query(ex).get("limit"));
    try {
      List<Event> events = ctx.admin().history(limit);
      HttpIo.json(ex, 200, Map.of("events", AdminJson.history(events)));
    } catch (MetastoreException e) {
      throw new ApiError(503, "metastore unreachable: " + e.getMessage());
    }
  }

  private static int limit(String raw) throws ApiError {
    if (raw == null || raw.isEmpty()) {
      return DEFAULT_HISTORY;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= MAX_HISTORY) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiError(400, "limit must be a whole number from 1 to " + MAX_HISTORY);
  }

  /** A write: authorised first, then run; refusals and metastore failures become statuses. */
  private Handler write(List<String> accepted, Write w) {
    return ex -> {
      authorise(ex);
      String by = "api@" + ctx.node() + " from " + ex.remoteHost();
      HttpIo.withJsonBody(ex, ctx.api().limits(), accepted, body -> runWrite(ex, w, body, by));
    };
  }

  private static void runWrite(Exchange ex, Write w, Map<String, String> body, String by)
      throws ApiError {
    try {
      HttpIo.json(ex, 200, w.run(body, by));
    } catch (AdminException e) {
      throw new ApiError(409, e.getMessage());
    } catch (MetastoreException e) {
      throw new ApiError(503, "metastore unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "interrupted");
    }
  }

  @FunctionalInterface
  private interface Write {
    Map<String, Object> run(Map<String, String> body, String by)
        throws ApiError, AdminException, MetastoreException, InterruptedException;
  }

  private void authorise(Exchange ex) throws ApiError {
    switch (auth.check(ex.header("Authorization"))) {
      case ALLOWED -> {}
      case DISABLED ->
          throw new ApiError(
              403,
              "writes are disabled because no API token is configured; set api.token in the"
                  + " configuration (e.g. token: ${SFC_API_TOKEN}) and restart the controller");
      case DENIED -> {
        ex.setHeader("WWW-Authenticate", "Bearer realm=\"sfc\"");
        throw new ApiError(401, "missing or wrong token; send Authorization: Bearer <api.token>");
      }
    }
  }

  private Map<String, Object> switchover(Map<String, String> body, String by)
      throws ApiError, AdminException, MetastoreException, InterruptedException {
    String service = HttpIo.field(body, "service");
    if (service == null) {
      throw new ApiError(400, "give the service: {\"service\": \"NAME\", \"to\": \"NODE\"}");
    }
    knownService(service);
    String to = HttpIo.field(body, "to");
    Duration wait = waitOf(body);
    SwitchoverTicket t = ctx.admin().switchover(service, to, by);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("service", t.service());
    out.put("from", t.from());
    out.put("epoch", t.epoch());
    out.put("to", t.to());
    if (wait != null) {
      handoff(ctx.admin().awaitHandoff(t, wait), out);
    }
    return out;
  }

  /** The longest {@code wait} a switchover request may ask for (it holds a server thread). */
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private static Duration waitOf(Map<String, String> body) throws ApiError {
    String text = HttpIo.field(body, "wait");
    if (text == null) {
      return null;
    }
    try {
      Duration d = Durations.parse(text);
      if (!d.isNegative() && !d.isZero() && d.compareTo(MAX_WAIT) <= 0) {
        return d;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ApiError(400, "wait: '" + text + "' must be a duration from 1ms to 60s, e.g. 30s");
  }

  /**
   * Adds the measured handoff to {@code out}; a switchover that did not complete is an error: 409
   * when the new instance ended within its start grace or another node took it, 504 when it did not
   * finish in time.
   */
  private static void handoff(HandoffResult r, Map<String, Object> out) throws ApiError {
    if (!r.completed()) {
      boolean other =
          r.epoch() > r.ticket().epoch()
              && r.holder() != null
              && !r.holder().equals(r.ticket().to());
      boolean failed = r.failure() != null || other;
      String what =
          r.failure() != null ? r.failure() : "lease: " + r.holder() + " at epoch " + r.epoch();
      throw new ApiError(
          failed ? 409 : 504,
          "switchover of "
              + r.ticket().service()
              + " to "
              + r.ticket().to()
              + " did not complete"
              + " after "
              + r.elapsed().toMillis()
              + " ms ("
              + what
              + ")");
    }
    out.put("new_epoch", r.epoch());
    out.put("elapsed_ms", r.elapsed().toMillis());
    out.put("lease_handoff_ms", r.leaseHandoff() == null ? null : r.leaseHandoff().toMillis());
    out.put("service_gap_ms", r.serviceGap() == null ? null : r.serviceGap().toMillis());
  }

  private Map<String, Object> pause(Map<String, String> body, String by)
      throws ApiError, AdminException, MetastoreException {
    String scope = scope(body);
    ctx.admin().pause(scope, by);
    return Map.of("paused", scope);
  }

  private Map<String, Object> resume(Map<String, String> body)
      throws ApiError, AdminException, MetastoreException {
    String scope = scope(body);
    ctx.admin().resume(scope);
    return Map.of("resumed", scope);
  }

  private String scope(Map<String, String> body) throws ApiError {
    String service = HttpIo.field(body, "service");
    if (service == null || service.equals(DirectiveStore.ALL)) {
      return DirectiveStore.ALL;
    }
    knownService(service);
    return service;
  }

  private void knownService(String service) throws ApiError {
    if (!ctx.services().contains(service)) {
      throw new ApiError(
          404, "unknown service '" + service + "'; the services are " + ctx.services());
    }
  }
}
