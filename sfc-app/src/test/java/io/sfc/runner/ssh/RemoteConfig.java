package io.sfc.runner.ssh;

import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.Event;
import io.sfc.core.port.Metastore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The sfc.yaml of a real-sshd controller test: service {@code sched} ({@code sleep 600}) with
 * {@code placement: remote} on short timings that still hold on a loaded machine ({@code
 * renew_deadline} 3 s), an H2 metastore and no API.
 */
final class RemoteConfig {
  static final String SERVICE = "sched";

  private RemoteConfig() {}

  /**
   * Writes and loads the configuration of node n1.
   *
   * @param lines the {@code ssh:} and {@code nodes:} lines, and any service key after {@code
   *     placement} (indented by four spaces)
   */
  static SfcConfig load(Path dir, String cluster, String... lines) throws Exception {
    StringBuilder yaml = new StringBuilder("cluster: " + cluster + "\nnode: n1\n");
    List<String> service = List.of(lines).stream().filter(l -> l.startsWith("    ")).toList();
    List.of(lines).stream()
        .filter(l -> !l.startsWith("    "))
        .forEach(l -> yaml.append(l).append('\n'));
    yaml.append("metastore: {type: h2, path: '")
        .append(dir.resolve("meta"))
        .append("'}\napi: {enabled: false}\n")
        .append("timings: {lease_ttl: 6s, renew_interval: 500ms, renew_deadline: 3s,")
        .append(" stop_timeout: 1s, safety_margin: 1s}\n")
        .append("services:\n  - name: " + SERVICE + "\n    command: [sleep, '600']\n")
        .append("    placement: remote\n");
    service.forEach(l -> yaml.append(l).append('\n'));
    return ConfigLoader.load(Files.writeString(dir.resolve("sfc.yaml"), yaml), Map.of());
  }

  /** Waits up to {@code atMost} for {@code condition}; on timeout fails with the events seen. */
  static void awaitEvents(Metastore ms, Duration atMost, Callable<Boolean> condition)
      throws Exception {
    try {
      Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; events, newest first: " + events(ms), e);
    }
  }

  /** The last 100 events of {@link #SERVICE}, newest first. */
  static List<Event> events(Metastore ms) throws Exception {
    return ms.events().recent(100).stream().filter(e -> SERVICE.equals(e.service())).toList();
  }
}
