package io.sfc.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sfc.config.ConfigLoader;
import io.sfc.daemon.Daemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real controller (config loader, Daemon, LocalRunner, shim) whose service crashes at once, over
 * and over: more than 100 crashes must produce no more alerts than the rate limit allows.
 */
class CrashLoopAlertsTest {
  @TempDir Path dir;
  HttpReceiver hook;
  Daemon daemon;

  @BeforeEach
  void setUp() throws Exception {
    hook = new HttpReceiver();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (daemon != null) {
      daemon.stop();
      daemon.close();
    }
    hook.close();
  }

  long crashes() throws Exception {
    Path f = dir.resolve("runs");
    return Files.exists(f) ? Files.readAllLines(f).size() : 0;
  }

  @Test
  void aHundredCrashesSendAtMostMaxPerWindowAlerts() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("sfc.yaml"),
            String.join(
                "\n",
                "cluster: loop",
                "node: n1",
                "nodes: [{id: n1, host: 127.0.0.1}]",
                "metastore: {type: h2, path: meta}",
                "api: {enabled: false}",
                "services:",
                "  - name: crasher",
                "    command: [bash, -c, 'echo run >> " + dir.resolve("runs") + "; exit 1']",
                "    restart: {backoff_initial: 1ms, backoff_max: 1ms, max_restarts: 1000}",
                "alerts:",
                "  rate_limit: {max_per_window: 3, window: 10m, dedupe_window: 1ms}",
                "  webhook: {url: '" + hook.uri() + "', format: slack}",
                ""));
    daemon = Daemon.start(ConfigLoader.load(cfg, Map.of()), dir.resolve("logs"));

    await().atMost(Duration.ofSeconds(120)).until(() -> crashes() >= 101);
    assertThat(daemon.alerts().awaitIdle(Duration.ofSeconds(10))).isTrue();

    List<String> got = hook.bodies();
    System.out.printf(
        "crash loop: %d crashes, %d alerts delivered, %d suppressed%n",
        crashes(), got.size(), daemon.alerts().suppressed());
    assertThat(got)
        .containsExactly(
            "{\"text\":\"[loop] CONTROLLER_STARTED on n1: controller started\"}",
            "{\"text\":\"[loop] LEASE_ACQUIRED crasher on n1: acquired lease at epoch 1\"}",
            "{\"text\":\"[loop] RESTART crasher on n1: service exited with status 1\"}",
            "{\"text\":\"[loop] RESTART crasher on n1: service exited with status 1\"}");
    assertThat(daemon.alerts().suppressed()).isGreaterThanOrEqualTo(98);
    assertThat(daemon.alerts().dropped()).isZero();
  }
}
