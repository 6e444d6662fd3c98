package io.sfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.port.ServiceHandle;
import io.sfc.runner.ssh.SshConnections;
import io.sfc.runner.ssh.SshRunner;
import io.sfc.runner.ssh.SshTestServer;
import io.sfc.runner.ssh.SshdExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sfc test-connection} and {@code sfc is-scheduler-running} against a real sshd. */
class SshCommandsTest {

  @TempDir static Path dir;

  @RegisterExtension static final SshdExtension SSH = new SshdExtension();
  static SshTestServer sshd;

  @BeforeAll
  static void fixture() {
    sshd = SSH.server();
  }

  final StringWriter out = new StringWriter();

  int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    return cl.execute(args);
  }

  Path config(String nodes, String service) throws Exception {
    Path f = dir.resolve("sfc-" + System.nanoTime() + ".yaml");
    Files.writeString(
        f,
        "cluster: c1\n"
            + "ssh: {key_file: "
            + sshd.settings().keyFile()
            + ", known_hosts: "
            + sshd.settings().knownHosts()
            + ", port: "
            + sshd.settings().port()
            + ", connect_timeout: 15s}\n"
            + "nodes:\n"
            + nodes
            + "metastore: {type: h2, path: "
            + dir.resolve("meta")
            + "}\n"
            + "services:\n"
            + service);
    return f;
  }

  @Test
  void testConnectionReportsEachNodeAndFailsWhenOneFails() throws Exception {
    int closed = io.sfc.runner.ssh.SshTestServer.freePort();
    Path cfg =
        config(
            "  - {id: good, host: 127.0.0.1}\n"
                + "  - {id: bad, host: 127.0.0.1, ssh: {port: "
                + closed
                + "}}\n",
            "  - {name: s, command: [sleep, '1']}\n");

    int code = run("test_connection", "--config", cfg.toString());

    System.out.println(out);
    assertThat(code).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(out.toString().lines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("good")
                    .contains(" yes ")
                    .contains(" ok ")
                    .contains(" ms "))
        .anySatisfy(
            l ->
                assertThat(l).startsWith("bad").contains(" NO ").contains("cannot connect to bad"));
  }

  @Test
  void isSchedulerRunningFindsTheRemoteShim() throws Exception {
    Path cfg =
        config(
            "  - {id: n1, host: 127.0.0.1}\n  - {id: n2, host: 127.0.0.1}\n",
            "  - {name: sched, command: [sleep, '600'], placement: remote}\n");
    ServiceSpec spec =
        new ServiceSpec(
            "sched",
            List.of("sleep", "600"),
            null,
            Map.of(),
            "TERM",
            Duration.ofSeconds(2),
            RestartPolicy.DEFAULTS);
    var executor = Executors.newCachedThreadPool();
    try (SshConnections ssh = SshConnections.withSystemEnv()) {
      assertThat(run("is-scheduler-running", "--config", cfg.toString())).isZero();
      assertThat(out.toString()).doesNotContain("YES");

      ServiceHandle h =
          new SshRunner(
                  "c1", ssh, sshd.target("n1"), dir.resolve("logs"), executor, System::nanoTime)
              .start(spec, 1, Duration.ofSeconds(60), s -> {});
      out.getBuffer().setLength(0);
      int code = run("is-scheduler-running", "--config", cfg.toString());
      h.stop(StopPath.PLANNED, java.time.Duration.ofSeconds(30));

      System.out.println(out);
      assertThat(code).isZero();
      assertThat(out.toString().lines())
          .anySatisfy(l -> assertThat(l).startsWith("sched").contains("n1").contains("YES"));
    } finally {
      executor.shutdownNow();
    }
  }
}
