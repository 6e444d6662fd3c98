package io.sfc.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sfc.alert.HttpReceiver;
import io.sfc.config.ConfigLoader;
import io.sfc.daemon.Daemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in one JVM: a real service (a shell that records its pid and execs sleep) under the
 * {@code process} check ({@code $$$$} is the shell's pid once sfc unescapes it) is stopped with
 * SIGSTOP; the controller must report it unhealthy with the process state and replace it, and the
 * stopped instance must end on the stop signal (the shim continues it), not only by KILL after the
 * stop timeout.
 */
class StoppedServiceTest {
  @TempDir Path dir;
  HttpReceiver hook;
  Daemon daemon;

  @AfterEach
  void tearDown() throws Exception {
    if (daemon != null) {
      daemon.stop();
      daemon.close();
    }
    if (hook != null) {
      hook.close();
    }
  }

  Path config() throws Exception {
    Path starts = dir.resolve("starts");
    return Files.writeString(
        dir.resolve("sfc.yaml"),
        String.join(
            "\n",
            "cluster: stopped",
            "node: n1",
            "nodes: [{id: n1, host: 127.0.0.1}]",
            "metastore: {type: h2, path: meta}",
            "api: {enabled: false}",
            "services:",
            "  - name: svc",
            "    command: [sh, -c, 'echo $$$$ >> " + starts + "; exec sleep 600']",
            "    stop_timeout: 2s",
            "    health:",
            "      - {type: process, interval: 500ms, timeout: 500ms, failure_threshold: 3,"
                + " start_grace: 0s}",
            "alerts:",
            "  webhook: {url: '" + hook.uri() + "', format: slack}",
            ""));
  }

  List<String> starts() throws Exception {
    Path f = dir.resolve("starts");
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }

  @Test
  void aStoppedServiceIsReplacedAndEndsOnItsStopSignal() throws Exception {
    hook = new HttpReceiver();
    daemon = Daemon.start(ConfigLoader.load(config(), Map.of()), dir.resolve("logs"));
    await().atMost(Duration.ofSeconds(30)).until(() -> starts().size() == 1);
    String pid = starts().get(0).trim();
    new ProcessBuilder("kill", "-STOP", pid).inheritIO().start().waitFor();
    long t0 = System.nanoTime();
    // 3 failed turns 500 ms apart, then TERM (+CONT) and a new start; a stopped process left
    // stopped would end only by KILL after the 2 s stop timeout (exit status 137).
    await().atMost(Duration.ofSeconds(15)).until(() -> starts().size() == 2);
    System.out.printf(
        "stopped service replaced %d ms after SIGSTOP%n", (System.nanoTime() - t0) / 1_000_000);
    String reason =
        "health check process failed 3 times: process "
            + pid
            + " is stopped (state T, e.g. SIGSTOP)";
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> hook.bodies().stream().anyMatch(b -> b.contains("RESTART svc")));
    assertThat(hook.bodies())
        .anyMatch(b -> b.contains("HEALTH_FAILED svc on n1: " + reason))
        .anyMatch(b -> b.contains("RESTART svc on n1: " + reason) && b.contains("exit status 143"));
  }
}
