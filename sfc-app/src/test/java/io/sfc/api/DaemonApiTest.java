package io.sfc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfc.config.ConfigLoader;
import io.sfc.daemon.Daemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real controller (in-process, H2 file metastore) serving its API: the wiring, end to end. */
class DaemonApiTest {
  static final String TOKEN = "daemon-api-test-token-0123";

  @TempDir Path dir;
  Daemon daemon;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.stop();
      daemon.close();
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Daemon start() throws Exception {
    return start("{id: n1, host: 127.0.0.1, api_port: " + freePort() + "}", "");
  }

  /** A controller of n1: {@code n1} is its nodes entry, {@code more} follows it in nodes:. */
  Daemon start(String n1, String more) throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("sfc.yaml"),
            String.join(
                "\n",
                "cluster: api",
                "node: n1",
                "nodes: [" + n1 + more + "]",
                "metastore: {type: h2, path: meta}",
                "timings: {lease_ttl: 10s, renew_interval: 500ms, renew_deadline: 6s}",
                "services:",
                "  - {name: sleeper, command: [sleep, '600']}",
                "api: {token: " + TOKEN + "}",
                ""));
    daemon = Daemon.start(ConfigLoader.load(cfg, Map.of()), dir.resolve("logs"));
    return daemon;
  }

  HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + daemon.apiPort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheControllersOwnView() throws Exception {
    start();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/active?service=sleeper").statusCode() == 200);

    assertThat(get("/health").statusCode()).isEqualTo(200);
    JsonNode status = HttpIo.JSON.readTree(get("/api/status").body());
    assertThat(status.at("/services/0/lease/holder").asText()).isEqualTo("n1");
    assertThat(status.at("/local/services/0/state").asText()).isEqualTo("RUNNING");
    assertThat(status.get("metastore").asText()).isNotEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(get("/metrics").body())
                    .contains("sfc_lease_held{cluster=\"api\",node=\"n1\",service=\"sleeper\"} 1")
                    .contains("sfc_lease_renew_seconds_count")
                    .contains("sfc_alert_queue_depth")
                    .contains("sfc_events_total{cluster=\"api\",kind=\"ACQUIRED\",node=\"n1\"}"));
    JsonNode history = HttpIo.JSON.readTree(get("/api/history?limit=5").body());
    assertThat(history.get("events").size()).isBetween(1, 5);
  }

  /**
   * Placement, wired end to end: a controller whose node has {@code candidate: false} runs, reports
   * and serves its API, but never acquires; its row says why and carries the placement label.
   */
  @Test
  void aNodeWithCandidateFalseServesItsApiButNeverAcquires() throws Exception {
    start(
        "{id: n1, host: 127.0.0.1, candidate: false, api_port: " + freePort() + "}",
        ", {id: n2, host: 127.0.0.1}");

    String reason = "not a candidate: node n1 has candidate: false and runs no service";
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode m =
                  HttpIo.JSON.readTree(get("/api/status").body()).at("/services/0/members/0");
              assertThat(m.path("reason").asText()).isEqualTo(reason);
              assertThat(m.path("placement").asText()).isEqualTo("not a candidate");
            });
    JsonNode status = HttpIo.JSON.readTree(get("/api/status").body());
    assertThat(status.at("/services/0/lease/holder").isNull()).isTrue();
    assertThat(status.at("/local/services/0/state").asText()).isEqualTo("STOPPED");
    assertThat(get("/active?service=sleeper").statusCode()).isNotEqualTo(200);
  }
}
