package io.sfc.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfc.admin.HandoffResult;
import io.sfc.admin.SwitchoverTicket;
import io.sfc.api.config.ApiConfig;
import io.sfc.core.control.LoopObserver.ServiceStatus;
import io.sfc.core.decide.LocalState;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.ServiceState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every endpoint of {@link ApiServer} over real HTTP, against a fake {@code ClusterAdmin}. */
class ApiServerTest {
  static final String TOKEN = "0123456789abcdef-token";
  static final Duration BOUND = Duration.ofSeconds(6);

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final LocalStatus local = new LocalStatus(now::get);
  final FakeAdmin admin = new FakeAdmin("scheduler", "master-1", 7);
  final HttpClient http = HttpClient.newHttpClient();
  ApiServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  ApiServer start(String token) throws Exception {
    ApiConfig api =
        new ApiConfig(true, "127.0.0.1", 0, Map.of(), token, null, ApiConfig.Limits.DEFAULTS);
    ApiServer.Context ctx =
        new ApiServer.Context(
            "c",
            "master-1",
            List.of(new NodeSpec("master-1", "127.0.0.1"), new NodeSpec("master-2", "127.0.0.1")),
            api,
            List.of("scheduler"),
            BOUND,
            local,
            admin,
            () -> "# TYPE sfc_up gauge\nsfc_up 1\n",
            now::get);
    server = ApiServer.start(ctx);
    return server;
  }

  void round(ServiceState state, boolean holding) {
    LocalState s = LocalState.initial().withService(state, 42);
    if (holding) {
      s = s.withLease(new Lease("scheduler", "master-1", 7), now.get());
    }
    local.roundCompleted(
        now.get(), now.get(), List.of(new ServiceStatus("scheduler", s, "why", null)));
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body, String auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return HttpIo.JSON.readTree(r.body());
  }

  @Test
  void healthFollowsTheLoop() throws Exception {
    start(TOKEN);
    assertThat(get("/health").statusCode()).isEqualTo(503);

    round(ServiceState.STOPPED, false);
    HttpResponse<String> ok = get("/health");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).get("loopAgeMs").asLong()).isZero();

    now.addAndGet(BOUND.plusMillis(1).toNanos());
    HttpResponse<String> stalled = get("/health");
    assertThat(stalled.statusCode()).isEqualTo(503);
    assertThat(json(stalled).get("status").asText()).isEqualTo("stalled");
  }

  @Test
  void healthIs503WithTheCauseWhileTheLoopReportsARejection() throws Exception {
    start(TOKEN);
    LocalState s = LocalState.initial();
    String cause = "authentication failed (wrong user or password): check metastore.password";
    local.roundCompleted(
        now.get(), now.get(), List.of(new ServiceStatus("scheduler", s, "why", cause)));
    HttpResponse<String> rejected = get("/health");
    assertThat(rejected.statusCode()).isEqualTo(503);
    assertThat(json(rejected).get("status").asText()).isEqualTo("metastore rejected");
    assertThat(json(rejected).get("cause").asText()).isEqualTo("metastore rejected: " + cause);

    round(ServiceState.STOPPED, false);
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void activeOnlyWhenHoldingAndRunning() throws Exception {
    start(TOKEN);
    round(ServiceState.RUNNING, false);
    assertThat(get("/active?service=scheduler").statusCode()).isEqualTo(503);
    round(ServiceState.STARTING, true);
    assertThat(get("/active?service=scheduler").statusCode()).isEqualTo(503);
    round(ServiceState.RUNNING, true);
    assertThat(get("/active?service=scheduler").statusCode()).isEqualTo(200);
    assertThat(get("/active?service=nope").statusCode()).isEqualTo(404);
    assertThat(get("/active").statusCode()).isEqualTo(400);

    now.addAndGet(BOUND.plusMillis(1).toNanos());
    assertThat(get("/active?service=scheduler").statusCode()).isEqualTo(503);
  }

  @Test
  void statusHasTheClusterAndTheLocalView() throws Exception {
    start(TOKEN);
    round(ServiceState.RUNNING, true);

    HttpResponse<String> r = get("/api/status");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode j = json(r);
    assertThat(j.get("cluster").asText()).isEqualTo("c");
    assertThat(j.at("/services/0/lease/holder").asText()).isEqualTo("master-1");
    assertThat(j.at("/services/0/lease/epoch").asLong()).isEqualTo(7);
    assertThat(j.at("/local/services/0/role").asText()).isEqualTo("LEADER");
    assertThat(j.at("/nodes/1/id").asText()).isEqualTo("master-2");
    assertThat(j.get("writes").asBoolean()).isTrue();
  }

  @Test
  void historyHonoursTheLimit() throws Exception {
    start(TOKEN);
    for (int i = 0; i < 5; i++) {
      admin.events.add(
          new Event(Instant.EPOCH, "master-1", "scheduler", i, EventKind.ACQUIRED, "e" + i));
    }

    JsonNode j = json(get("/api/history?limit=2"));

    assertThat(j.get("events")).hasSize(2);
    assertThat(j.at("/events/0/reason").asText()).isEqualTo("e4");
    assertThat(j.at("/events/0/at").asText()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(get("/api/history?limit=0").statusCode()).isEqualTo(400);
    assertThat(get("/api/history?limit=x").statusCode()).isEqualTo(400);
  }

  @Test
  void writesWithoutTheRightTokenChangeNothing() throws Exception {
    start(TOKEN);
    String body = "{\"service\":\"scheduler\",\"to\":\"master-2\"}";

    HttpResponse<String> none = post("/api/switchover", body, null);
    HttpResponse<String> wrong = post("/api/switchover", body, "Bearer " + TOKEN + "x");
    HttpResponse<String> basic = post("/api/pause", "{}", "Basic " + TOKEN);

    assertThat(List.of(none, wrong, basic))
        .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
    assertThat(json(none).get("error").asText()).contains("Bearer");
    assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(admin.switchovers).isEmpty();
    assertThat(admin.paused).isEmpty();
  }

  @Test
  void withoutAConfiguredTokenEveryWriteIsForbidden() throws Exception {
    start(null);

    HttpResponse<String> r = post("/api/pause", "{}", "Bearer anything-at-all-here");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).get("error").asText()).contains("set api.token");
    assertThat(admin.paused).isEmpty();
    assertThat(json(get("/api/status")).get("writes").asBoolean()).isFalse();
  }

  @Test
  void switchoverWithTheToken() throws Exception {
    start(TOKEN);

    HttpResponse<String> r =
        post(
            "/api/switchover",
            "{\"service\":\"scheduler\",\"to\":\"master-2\"}",
            "Bearer " + TOKEN);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("to").asText()).isEqualTo("master-2");
    assertThat(admin.switchovers.get("scheduler").to()).isEqualTo("master-2");
    assertThat(admin.switchovers.get("scheduler").requestedBy()).contains("127.0.0.1");
  }

  /** With "wait" the answer comes once the handoff completed, with its times; else an error. */
  @Test
  void switchoverWithWaitReportsTheHandoffOrWhyItDidNotComplete() throws Exception {
    start(TOKEN);
    String auth = "Bearer " + TOKEN;
    String body = "{\"service\":\"scheduler\",\"to\":\"master-2\",\"wait\":\"20s\"}";
    SwitchoverTicket t = new SwitchoverTicket("scheduler", "master-1", 3, "master-2", 0);
    admin.handoff =
        new HandoffResult(
            t,
            true,
            "master-2",
            4,
            Duration.ofMillis(900),
            Duration.ofMillis(400),
            Duration.ofMillis(700),
            null);

    HttpResponse<String> ok = post("/api/switchover", body, auth);

    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(admin.waited).isEqualTo(Duration.ofSeconds(20));
    JsonNode j = json(ok);
    assertThat(j.get("new_epoch").asLong()).isEqualTo(4);
    assertThat(j.get("elapsed_ms").asLong()).isEqualTo(900);
    assertThat(j.get("lease_handoff_ms").asLong()).isEqualTo(400);
    assertThat(j.get("service_gap_ms").asLong()).isEqualTo(700);

    admin.handoff =
        new HandoffResult(
            t,
            false,
            "master-2",
            4,
            Duration.ofMillis(900),
            Duration.ofMillis(400),
            null,
            "its instance (pid 7) is STOPPED");
    HttpResponse<String> ended = post("/api/switchover", body, auth);
    assertThat(ended.statusCode()).isEqualTo(409);
    assertThat(json(ended).get("error").asText())
        .isEqualTo(
            "switchover of scheduler to master-2 did not complete after 900 ms (its instance (pid"
                + " 7) is STOPPED)");

    admin.handoff = null;
    assertThat(post("/api/switchover", body, auth).statusCode()).isEqualTo(504);
    String tooLong = "{\"service\":\"scheduler\",\"wait\":\"5m\"}";
    HttpResponse<String> bad = post("/api/switchover", tooLong, auth);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("error").asText()).contains("wait: '5m' must be a duration");
  }

  @Test
  void refusalsAndBadRequests() throws Exception {
    start(TOKEN);
    admin.refuse = "scheduler is paused; resume it first";
    String auth = "Bearer " + TOKEN;

    HttpResponse<String> refused = post("/api/switchover", "{\"service\":\"scheduler\"}", auth);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).get("error").asText()).isEqualTo(admin.refuse);
    assertThat(post("/api/switchover", "{}", auth).statusCode()).isEqualTo(400);
    assertThat(post("/api/switchover", "{\"service\":\"x\"}", auth).statusCode()).isEqualTo(404);
    assertThat(post("/api/switchover", "not json", auth).statusCode()).isEqualTo(400);
    assertThat(post("/api/switchover", "[1]", auth).statusCode()).isEqualTo(400);
    assertThat(post("/api/status", "{}", auth).statusCode()).isEqualTo(405);
    assertThat(get("/api/pause").statusCode()).isEqualTo(405);
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void pauseAndResume() throws Exception {
    start(TOKEN);
    String auth = "Bearer " + TOKEN;

    assertThat(post("/api/pause", "{\"service\":\"scheduler\"}", auth).statusCode()).isEqualTo(200);
    assertThat(post("/api/pause", "", auth).statusCode()).isEqualTo(200);
    assertThat(admin.paused).containsOnlyKeys("scheduler", "*");
    assertThat(json(get("/api/status")).at("/services/0/paused").asBoolean()).isTrue();

    assertThat(post("/api/resume", "{}", auth).statusCode()).isEqualTo(200);
    assertThat(post("/api/resume", "{\"service\":\"scheduler\"}", auth).statusCode())
        .isEqualTo(200);
    assertThat(admin.paused).isEmpty();
  }

  @Test
  void strictBodiesNameTheKeyAndMoveOrPauseNothing() throws Exception {
    start(TOKEN);
    String auth = "Bearer " + TOKEN;
    Map<String, String> cases =
        Map.of(
            "{\"service\":\"scheduler\",\"target\":\"master-2\"}",
            "unknown key 'target'; accepted: service, to",
            "{\"service\":\"scheduler\",\"to\":\"master-2\",\"to\":\"master-1\"}",
            "duplicated key 'to'",
            "{\"service\":\"scheduler\",\"to\":2}",
            "key 'to' must be a string, not a number",
            "{\"service\":\"scheduler\"} {\"to\":\"master-2\"}",
            "content after its JSON object",
            "{\"service\":\"scheduler\"} x",
            "not valid JSON");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = post("/api/switchover", c.getKey(), auth);
      assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
      assertThat(json(r).get("error").asText()).as(c.getKey()).contains(c.getValue());
    }
    HttpResponse<String> typo = post("/api/pause", "{\"servce\":\"scheduler\"}", auth);
    HttpResponse<String> typed = post("/api/resume", "{\"service\":[\"scheduler\"]}", auth);

    assertThat(json(typo).get("error").asText())
        .isEqualTo("unknown key 'servce'; accepted: service");
    assertThat(typed.statusCode()).isEqualTo(400);
    assertThat(admin.switchovers).isEmpty();
    assertThat(admin.paused).isEmpty();
  }

  @Test
  void metricsAndDashboard() throws Exception {
    start(TOKEN);

    HttpResponse<String> m = get("/metrics");
    HttpResponse<String> d = get("/");

    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(m.body()).contains("sfc_up 1");
    assertThat(d.statusCode()).isEqualTo(200);
    assertThat(d.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(d.body()).contains("<title>sfc");
  }
}
