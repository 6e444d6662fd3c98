package io.sfc.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sfc.alert.HttpReceiver;
import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.daemon.Daemon;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in one JVM: the real config loader, Daemon, LocalRunner and shim run a stand-in HTTP
 * service that stays alive but stops answering its health endpoint. The controller must detect it
 * and restart it within interval x threshold + timeout + restart, and the operator must get exactly
 * the expected alerts by mail (GreenMail) and webhook (JDK HTTP server).
 */
class HungServiceTest {
  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final int THRESHOLD = 3;
  static final Duration TIMEOUT = Duration.ofMillis(500);

  /** Stop (TERM to a JVM) plus the start of a new JVM, generously, on a loaded 2-core machine. */
  static final Duration RESTART = Duration.ofSeconds(8);

  /** Covers the start of the stand-in JVM. */
  static final Duration GRACE = Duration.ofSeconds(2);

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;
  HttpReceiver hook;
  Daemon daemon;
  int port;

  @BeforeEach
  void setUp() throws Exception {
    hook = new HttpReceiver();
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (daemon != null) {
      daemon.stop();
      daemon.close();
    }
    hook.close();
  }

  Path config() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    return Files.writeString(
        dir.resolve("sfc.yaml"),
        String.join(
            "\n",
            "cluster: e2e",
            "node: n1",
            "nodes: [{id: n1, host: 127.0.0.1}]",
            "metastore: {type: h2, path: meta}",
            "api: {enabled: false}",
            "services:",
            "  - name: web",
            "    command: ['"
                + java
                + "', -Xshare:auto, -XX:TieredStopAtLevel=1, -cp, '"
                + cp
                + "', "
                + HangableHttpMain.class.getName()
                + ", '"
                + port
                + "', '"
                + dir
                + "']",
            "    health:",
            "      - type: http",
            "        url: http://127.0.0.1:" + port + "/health",
            "        body_contains: ok",
            "        interval: " + INTERVAL.toMillis() + "ms",
            "        timeout: " + TIMEOUT.toMillis() + "ms",
            "        failure_threshold: " + THRESHOLD,
            "        start_grace: " + GRACE.toMillis() + "ms",
            "alerts:",
            "  email:",
            "    host: 127.0.0.1",
            "    port: " + mail.getSmtp().getPort(),
            "    security: none",
            "    from: sfc@example.org",
            "    to: [ops@example.org]",
            "    subject_prefix: '[sfc-e2e]'",
            "  webhook: {url: '" + hook.uri() + "', format: slack}",
            ""));
  }

  List<String> starts() throws Exception {
    Path f = dir.resolve("starts");
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }

  boolean answers() {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .timeout(Duration.ofMillis(500))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aHungServiceIsDetectedAndRestartedInTimeWithExactAlerts() throws Exception {
    SfcConfig cfg = ConfigLoader.load(config(), Map.of());
    daemon = Daemon.start(cfg, dir.resolve("logs"));
    await().atMost(Duration.ofSeconds(30)).until(() -> starts().size() == 1 && answers());
    // The grace period began before the stand-in wrote its start line; once that line is older
    // than the grace period, every failure counts and only the hang itself is measured.
    await().atMost(Duration.ofSeconds(10)).until(() -> startLineAge().compareTo(GRACE) > 0);
    String pid = starts().get(0).split(" ")[1];

    long t0 = System.nanoTime();
    Files.createFile(dir.resolve("hang-" + pid));
    Duration bound = INTERVAL.multipliedBy(THRESHOLD).plus(TIMEOUT).plus(RESTART);
    await().atMost(bound.plusSeconds(10)).until(() -> starts().size() == 2);
    Duration restarted = Duration.ofNanos(System.nanoTime() - t0);
    await().atMost(Duration.ofSeconds(10)).until(this::answers);
    Duration healthy = Duration.ofNanos(System.nanoTime() - t0);
    System.out.printf(
        "hung service: new instance started %d ms and answering %d ms after the hang%n",
        restarted.toMillis(), healthy.toMillis());
    assertThat(restarted).isLessThan(bound);

    String health = "health check http failed 3 times: no answer within 500ms";
    List<String> expected =
        List.of(
            "CONTROLLER_STARTED on n1: controller started",
            "LEASE_ACQUIRED web on n1: acquired lease at epoch 1",
            "HEALTH_FAILED web on n1: " + health + "; stopping the service",
            "RESTART web on n1: " + health + "; service stopped, exit status 143");
    await().atMost(Duration.ofSeconds(10)).until(() -> hook.bodies().size() >= 4);
    await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length >= 4);
    assertThat(hook.bodies())
        .containsExactlyElementsOf(
            expected.stream().map(s -> "{\"text\":\"[e2e] " + s + "\"}").toList());
    assertThat(subjects())
        .containsExactlyElementsOf(expected.stream().map(s -> "[sfc-e2e] [e2e] " + s).toList());

    daemon.stop();
    daemon.close();
    daemon = null;
    assertThat(hook.bodies())
        .hasSize(5)
        .last()
        .isEqualTo("{\"text\":\"[e2e] CONTROLLER_STOPPED on n1: controller stopped\"}");
  }

  List<String> subjects() throws Exception {
    Map<String, String> byId = new LinkedHashMap<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      byId.putIfAbsent(m.getMessageID(), m.getSubject());
    }
    return List.copyOf(byId.values());
  }

  Duration startLineAge() throws Exception {
    long modified = Files.getLastModifiedTime(dir.resolve("starts")).toMillis();
    return Duration.ofMillis(System.currentTimeMillis() - modified);
  }
}
