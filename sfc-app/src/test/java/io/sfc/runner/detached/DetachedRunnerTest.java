package io.sfc.runner.detached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.port.ServiceHandle;
import io.sfc.runner.shell.LocalShell;
import io.sfc.runner.shell.Procs;
import io.sfc.runner.shell.Shell;
import io.sfc.runner.shell.ShellQuote;
import io.sfc.runner.ssh.SshConnections;
import io.sfc.runner.ssh.SshShell;
import io.sfc.runner.ssh.SshTestServer;
import io.sfc.runner.ssh.SshdExtension;
import io.sfc.time.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Detached mode with real background processes, locally and over a real sshd. */
class DetachedRunnerTest {

  @TempDir static Path dir;

  @RegisterExtension static final SshdExtension SSH = new SshdExtension();
  static SshTestServer sshd;
  static SshConnections ssh;

  @BeforeAll
  static void fixture() {
    sshd = SSH.server();
    ssh = SSH.connections();
  }

  static ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  final long unique = 600_000 + new Random().nextInt(300_000);

  static DetachedSettings settings(String start, String stop, String pidfile, String pattern) {
    return new DetachedSettings(start, stop, pidfile, pattern, Duration.ofMillis(200));
  }

  static ServiceSpec spec() {
    return new ServiceSpec(
        "legacy",
        List.of("sh"),
        null,
        Map.of(),
        "TERM",
        Duration.ofSeconds(2),
        RestartPolicy.DEFAULTS);
  }

  DetachedRunner runner(DetachedSettings s, Shell shell) {
    return new DetachedRunner(
        "c1",
        "n1",
        s,
        new Procs(shell),
        ShellQuote.quote(dir.resolve("legacy.log").toString()),
        Duration.ofSeconds(5),
        timer,
        timer,
        System::nanoTime,
        Sleeper.system());
  }

  String pidfileStart(Path pidfile) {
    return "nohup sh -c 'echo $$ > \"$0\"; exec sleep "
        + unique
        + "' "
        + ShellQuote.quote(pidfile.toString())
        + " >/dev/null 2>&1 &";
  }

  @Test
  void pidfileModeLocally() throws Exception {
    Path pidfile = dir.resolve("local " + unique + ".pid");
    var s = settings(pidfileStart(pidfile), null, pidfile.toString(), null);
    CompletableFuture<Integer> exit = new CompletableFuture<>();

    ServiceHandle h =
        runner(s, new LocalShell(Duration.ofSeconds(10)))
            .start(spec(), 1, Duration.ofSeconds(30), exit::complete);

    assertThat(alive(h.pid())).isTrue();
    assertThat(Files.readString(pidfile).trim()).isEqualTo(Long.toString(h.pid()));
    h.stop(StopPath.PLANNED, java.time.Duration.ofSeconds(30));
    assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(DetachedHandle.GONE);
    await().atMost(Duration.ofSeconds(5)).until(() -> !alive(h.pid()));
  }

  @Test
  void patternModeOverSshNoticesAnExternalKillAndRefusesASecondStart() throws Exception {
    assumeTrue(sshd != null, "needs /usr/sbin/sshd");
    String start = "nohup sleep " + unique + " >/dev/null 2>&1 &";
    var s = settings(start, null, null, "sleep " + unique);
    DetachedRunner r = runner(s, new SshShell(ssh, sshd.target("n1")));
    CompletableFuture<Integer> exit = new CompletableFuture<>();

    ServiceHandle h = r.start(spec(), 2, Duration.ofSeconds(30), exit::complete);
    h.feed(Duration.ofSeconds(30));

    assertThat(ProcessHandle.of(h.pid()).flatMap(p -> p.info().commandLine()).orElse(""))
        .endsWith("sleep " + unique);
    assertThatThrownBy(() -> r.start(spec(), 3, Duration.ofSeconds(30), x -> {}))
        .hasMessageContaining("already runs there");
    ProcessHandle.of(h.pid()).ifPresent(ProcessHandle::destroy);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(DetachedHandle.GONE);
  }

  @Test
  void pidfileModeOverSshWithStopCommand() throws Exception {
    assumeTrue(sshd != null, "needs /usr/sbin/sshd");
    Path pidfile = dir.resolve("remote " + unique + ".pid");
    String stop = "kill $(cat " + ShellQuote.quote(pidfile.toString()) + ")";
    var s = settings(pidfileStart(pidfile), stop, pidfile.toString(), null);
    CompletableFuture<Integer> exit = new CompletableFuture<>();

    ServiceHandle h =
        runner(s, new SshShell(ssh, sshd.target("n1")))
            .start(spec(), 4, Duration.ofSeconds(30), exit::complete);
    assertThat(alive(h.pid())).isTrue();
    h.stop(StopPath.PLANNED, java.time.Duration.ofSeconds(30));

    assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(DetachedHandle.GONE);
    await().atMost(Duration.ofSeconds(5)).until(() -> !alive(h.pid()));
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
