package io.sfc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sfc.config.ConfigLoader;
import io.sfc.daemon.Daemon;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real controller whose API port is held by 200 idle and half-sent connections (from another
 * loopback address, as a port scanner or a stalled proxy would): {@code /health} and {@code
 * /active} keep answering, each within 1 s.
 */
class ApiFloodTest {
  static final int HELD = 200;
  static final int PROBE_MS = 1000;

  @TempDir Path dir;
  Daemon daemon;
  final List<Socket> held = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Socket s : held) {
      s.close();
    }
    if (daemon != null) {
      daemon.stop();
      daemon.close();
    }
  }

  @Test
  void healthAndActiveAnswerWhile200ConnectionsAreHeld() throws Exception {
    start();
    int port = daemon.apiPort();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> status(port, "/active?service=sleeper").contains(" 200"));

    for (int i = 0; i < HELD; i++) {
      hold(port, i % 2 == 0 ? "GET /health HTTP/1.1\r\nHost: x\r\n" : "");
    }

    // Ten probe rounds over 6 s (past the 5 s header deadline): each answers within 1 s.
    for (int round = 0; round < 10; round++) {
      assertThat(status(port, "/health")).as("round %d", round).contains(" 200");
      assertThat(status(port, "/active?service=sleeper")).as("round %d", round).contains(" 200");
      Thread.sleep(600); // pacing between probes, not a wait for a condition
    }
  }

  private void hold(int port, String partial) {
    try {
      Socket s = RawHttp.open("127.0.0.2", port, 500);
      held.add(s);
      s.getOutputStream().write(partial.getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      // refused or closed by the server: that is its right
    }
  }

  private static String status(int port, String path) throws IOException {
    return RawHttp.exchange(port, RawHttp.get(path), PROBE_MS);
  }

  private void start() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("sfc.yaml"),
            String.join(
                "\n",
                "cluster: flood",
                "node: n1",
                "nodes: [{id: n1, host: 127.0.0.1, api_port: " + DaemonApiTest.freePort() + "}]",
                "metastore: {type: h2, path: meta}",
                "timings: {lease_ttl: 10s, renew_interval: 500ms, renew_deadline: 6s}",
                "services:",
                "  - {name: sleeper, command: [sleep, '600']}",
                ""));
    daemon = Daemon.start(ConfigLoader.load(cfg, Map.of()), dir.resolve("logs"));
  }
}
