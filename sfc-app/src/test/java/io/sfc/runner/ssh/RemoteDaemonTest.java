package io.sfc.runner.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.ServiceHandle;
import io.sfc.daemon.Daemon;
import io.sfc.metastore.factory.Metastores;
import io.sfc.runner.shell.LocalShell;
import io.sfc.runner.shell.Procs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in one JVM: the real config loader and Daemon with {@code placement: remote} and
 * {@code fencing: required} against a real sshd. A stray instance left by node n2 is fenced before
 * n1 starts its own instance remotely; stopping the daemon stops it.
 */
class RemoteDaemonTest {

  @TempDir static Path dir;

  @RegisterExtension static final SshdExtension SSH = new SshdExtension();
  static SshTestServer sshd;
  static SshConnections ssh;
  static ExecutorService executor;

  @BeforeAll
  static void fixture() {
    sshd = SSH.server();
    ssh = SSH.connections();
    executor = SSH.executor();
  }

  Path config() throws Exception {
    return Files.writeString(
        dir.resolve("sfc.yaml"),
        String.join(
            "\n",
            "cluster: e2e-ssh",
            "node: n1",
            sshd.yaml(""),
            "nodes: [{id: n1, host: 127.0.0.1}, {id: n2, host: 127.0.0.1}]",
            "metastore: {type: h2, path: '" + dir.resolve("meta") + "'}",
            "api: {enabled: false}",
            "services:",
            "  - name: sched",
            "    command: [sleep, '600']",
            "    placement: remote",
            "    fencing: required",
            ""));
  }

  @Test
  void fencesTheStrayThenRunsTheServiceRemotelyAndStopsIt() throws Exception {
    ServiceSpec spec =
        new ServiceSpec(
            "sched",
            List.of("sleep", "600"),
            null,
            Map.of(),
            "TERM",
            Duration.ofSeconds(2),
            RestartPolicy.DEFAULTS);
    ServiceHandle stray =
        new SshRunner(
                "e2e-ssh", ssh, sshd.target("n2"), dir.resolve("stray"), executor, System::nanoTime)
            .start(spec, 0, Duration.ofSeconds(60), x -> {});
    stray.feed(Duration.ofSeconds(60));
    Procs procs = new Procs(new LocalShell(Duration.ofSeconds(10)));
    SfcConfig cfg = ConfigLoader.load(config(), Map.of());

    Daemon daemon = Daemon.start(cfg, dir.resolve("logs"));
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !alive(stray.pid()) && procs.shims("e2e-ssh", "sched").size() == 1);
      try (Metastore ms = Metastores.open(cfg)) {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> ms.events().recent(50).stream().anyMatch(e -> e.kind() == EventKind.FENCED));
        Event fenced =
            ms.events().recent(50).stream()
                .filter(e -> e.kind() == EventKind.FENCED)
                .findFirst()
                .orElseThrow();
        assertThat(fenced.reason()).startsWith("fenced n2: stopped 1");
        assertThat(fenced.epoch()).isEqualTo(1);
      }
    } finally {
      daemon.stop();
      daemon.close();
    }
    assertThat(procs.shims("e2e-ssh", "sched")).isEmpty();
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
