package io.sfc.runner.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sfc.config.SfcConfig;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.port.Metastore;
import io.sfc.daemon.Daemon;
import io.sfc.metastore.factory.Metastores;
import io.sfc.runner.shell.LocalShell;
import io.sfc.runner.shell.Procs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing never eats the start's watchdog budget: a real controller ({@link Daemon}) with {@code
 * placement: remote} on a real sshd fences node n2, whose "sshd" accepts TCP and never answers, so
 * the fence takes nearly the whole {@code renew_deadline} ({@code connect_timeout} 2.8 s of 3 s)
 * and ends as unreachable. The shim then starts with the budget of the renewals made meanwhile, is
 * fed in time and is never starved: no crash, and the instance keeps running.
 */
class FenceBudgetTest {
  @TempDir Path dir;

  @RegisterExtension static final SshdExtension SSH = new SshdExtension();
  static SshTestServer sshd;

  ServerSocket silent;
  final List<Socket> held = new CopyOnWriteArrayList<>();
  Daemon daemon;

  @BeforeAll
  static void fixture() {
    sshd = SSH.server();
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.stop();
      daemon.close();
    }
    if (silent != null) {
      silent.close();
    }
    for (Socket s : held) {
      s.close();
    }
  }

  /** A loopback port that accepts connections and never says a word. */
  int silentPort() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!silent.isClosed()) {
                try {
                  held.add(silent.accept());
                } catch (IOException e) {
                  return;
                }
              }
            },
            "silent-sshd");
    t.setDaemon(true);
    t.start();
    return silent.getLocalPort();
  }

  SfcConfig config() throws Exception {
    return RemoteConfig.load(
        dir,
        "fence-budget",
        sshd.yaml(""),
        "nodes:",
        "  - {id: n1, host: 127.0.0.1}",
        "  - {id: n2, host: 127.0.0.1, ssh: {port: " + silentPort() + ", connect_timeout: 2800ms}}",
        "    fencing: best-effort");
  }

  static List<Event> events(Metastore ms) throws Exception {
    return RemoteConfig.events(ms);
  }

  @Test
  void anUnreachableFenceTargetDoesNotStarveTheShimAtStart() throws Exception {
    SfcConfig cfg = config();
    Procs procs = new Procs(new LocalShell(Duration.ofSeconds(10)));
    daemon = Daemon.start(cfg, dir.resolve("logs"));
    try (Metastore ms = Metastores.open(cfg)) {
      RemoteConfig.awaitEvents(
          ms,
          Duration.ofSeconds(20),
          () -> events(ms).stream().anyMatch(e -> e.kind() == EventKind.STARTED));
      List<Long> shims = procs.shims("fence-budget", "sched");
      assertThat(shims).hasSize(1);
      long budgetMs = shimBudgetMs(shims.get(0));
      System.out.println(
          "MEASURED: shim started with a budget of "
              + budgetMs
              + " ms after a fence of a silent host (connect_timeout 2800 ms, renew_deadline"
              + " 3000 ms)");
      assertThat(budgetMs).isGreaterThanOrEqualTo(1500);

      try {
        await()
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    events(ms).stream().noneMatch(e -> e.kind() == EventKind.CRASHED)
                        && procs.shims("fence-budget", "sched").equals(shims));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("crashed or restarted; events: " + events(ms), e);
      }
      assertThat(events(ms))
          .filteredOn(e -> e.kind() == EventKind.FENCE_FAILED)
          .singleElement()
          .satisfies(e -> assertThat(e.reason()).startsWith("fencing n2: unreachable: "));
    }
  }

  /** The budget argument of a running shim: {@code shim SIGNAL PLANNED DEADLINE BUDGET -- ...}. */
  static long shimBudgetMs(long pid) throws IOException {
    String[] args = Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\u0000");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        return Long.parseLong(args[i - 1]);
      }
    }
    throw new AssertionError("no -- in the shim's command line: " + String.join(" ", args));
  }
}
