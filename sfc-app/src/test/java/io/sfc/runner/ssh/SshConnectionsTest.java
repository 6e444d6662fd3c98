package io.sfc.runner.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.runner.shell.ShellQuote;
import io.sfc.runner.shell.ShellResult;
import io.sfc.runner.ssh.SshSettings.HostKeyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link SshConnections} against a real OpenSSH server. */
class SshConnectionsTest {

  @TempDir static Path dir;

  @RegisterExtension static final SshdExtension SSH = new SshdExtension();
  static SshTestServer sshd;
  static SshConnections ssh;

  @BeforeAll
  static void fixture() {
    sshd = SSH.server();
    ssh = SSH.connections();
  }

  @Test
  void runsACommandAndReusesTheSession() throws Exception {
    SshTarget t = sshd.target("n1");

    ShellResult r = ssh.exec(t, "echo hello; echo oops >&2; exit 3", null);
    var first = ssh.session(t);
    ShellResult again = ssh.exec(t, "cat", "in\n".getBytes());

    assertThat(r.status()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("hello\n");
    assertThat(r.stderr()).isEqualTo("oops\n");
    assertThat(again.stdout()).isEqualTo("in\n");
    assertThat(ssh.session(t)).isSameAs(first);
  }

  @Test
  void reconnectsAfterTheSessionIsLost() throws Exception {
    SshTarget t = sshd.target("n-lost");
    ssh.session(t).close(true);

    assertThat(ssh.exec(t, "true", null).ok()).isTrue();
  }

  @Test
  void valuesWithSpacesQuotesAndSubstitutionsArriveLiterally() throws Exception {
    List<String> nasty =
        List.of("a b", "it's", "\"q\"", "$(touch /tmp/sfc-pwned)", "`id`", "$HOME", "*", "x\ny");

    ShellResult r = ssh.exec(sshd.target("n1"), "printf '%s\\0' " + ShellQuote.join(nasty), null);

    assertThat(r.stdout().split("\0", -1)).containsSubsequence(nasty.toArray(String[]::new));
    assertThat(Path.of("/tmp/sfc-pwned")).doesNotExist();
  }

  @Test
  void changedHostKeyIsRefusedWithHostFingerprintAndFile() throws Exception {
    Path known = dir.resolve("known_changed");
    String other = Files.readString(sshd.dir.resolve("other_key.pub")).trim();
    Files.writeString(known, "[127.0.0.1]:" + sshd.port + " " + other + "\n");
    for (HostKeyPolicy policy : HostKeyPolicy.values()) {
      var t = new SshTarget("n2", "127.0.0.1", sshd.settings(sshd.clientKey, known, policy));

      assertThatThrownBy(() -> ssh.connect(t))
          .isInstanceOf(SshException.class)
          .hasMessageContaining("host key of [127.0.0.1]:" + sshd.port + " has CHANGED")
          .hasMessageContaining("SHA256:")
          .hasMessageContaining(known.toString());
    }
    assertThat(Files.readString(known)).hasLineCount(1);
  }

  @Test
  void unknownHostKeyIsRefusedUnderStrictAndAddedUnderAcceptNew() throws Exception {
    Path known = dir.resolve("known_empty");
    var strict =
        new SshTarget(
            "n3", "127.0.0.1", sshd.settings(sshd.clientKey, known, HostKeyPolicy.STRICT));
    var acceptNew =
        new SshTarget(
            "n3", "127.0.0.1", sshd.settings(sshd.clientKey, known, HostKeyPolicy.ACCEPT_NEW));

    assertThatThrownBy(() -> ssh.connect(strict))
        .hasMessageContaining("host key of [127.0.0.1]:" + sshd.port + " is unknown")
        .hasMessageContaining("SHA256:")
        .hasMessageContaining(known.toString());
    ssh.connect(acceptNew).close(true);
    ssh.connect(strict).close(true);

    assertThat(Files.readString(known)).startsWith("[127.0.0.1]:" + sshd.port + " ssh-ed25519");
  }

  @Test
  void keyWithPassphraseFromTheEnvironment() throws Exception {
    var s = sshd.settings();
    var withPass =
        new SshSettings(
            s.user(),
            s.port(),
            sshd.dir.resolve("pass_key"),
            "SFC_TEST_PASS",
            s.knownHosts(),
            s.hostKeyPolicy(),
            s.connectTimeout(),
            s.commandTimeout(),
            s.keepalive(),
            null);
    var unset =
        new SshSettings(
            s.user(),
            s.port(),
            sshd.dir.resolve("pass_key"),
            "SFC_UNSET_PASS",
            s.knownHosts(),
            s.hostKeyPolicy(),
            s.connectTimeout(),
            s.commandTimeout(),
            s.keepalive(),
            null);

    ssh.connect(new SshTarget("n6", "127.0.0.1", withPass)).close(true);

    assertThatThrownBy(() -> ssh.connect(new SshTarget("n6", "127.0.0.1", unset)))
        .isInstanceOf(SshException.class)
        .hasMessageContaining("environment variable SFC_UNSET_PASS (passphrase_env) is not set");
  }

  @Test
  void wrongKeyIsRefused() {
    var t =
        new SshTarget(
            "n4",
            "127.0.0.1",
            sshd.settings(sshd.dir.resolve("other_key"), sshd.knownHosts, HostKeyPolicy.STRICT));

    assertThatThrownBy(() -> ssh.connect(t))
        .isInstanceOf(SshException.class)
        .hasMessageContaining("cannot connect to n4")
        .hasMessageContaining("authentication failed")
        .hasMessageContaining("other_key");
  }

  @Test
  void aServerThatNeverAnswersFailsWithinTheConnectTimeout() throws Exception {
    var s = sshd.settings();
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      var quick =
          new SshSettings(
              s.user(),
              silent.getLocalPort(),
              s.keyFile(),
              null,
              s.knownHosts(),
              s.hostKeyPolicy(),
              Duration.ofSeconds(1),
              s.commandTimeout(),
              s.keepalive(),
              null);
      long t0 = System.nanoTime();

      assertThatThrownBy(() -> ssh.connect(new SshTarget("n7", "127.0.0.1", quick)))
          .isInstanceOf(SshException.class)
          .hasMessageContaining("cannot connect to n7")
          .hasMessageContaining("no answer within connect_timeout");

      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      System.out.println(
          "silent server failed after " + took.toMillis() + " ms (connect_timeout 1s)");
      assertThat(took).isLessThan(Duration.ofSeconds(1).plusMillis(1500));
    }
  }

  @Test
  void unreachablePortFailsWithinTheConnectTimeout() throws Exception {
    var s = sshd.settings();
    var quick =
        new SshSettings(
            s.user(),
            SshTestServer.freePort(),
            s.keyFile(),
            null,
            s.knownHosts(),
            s.hostKeyPolicy(),
            Duration.ofSeconds(2),
            s.commandTimeout(),
            s.keepalive(),
            null);
    long t0 = System.nanoTime();

    assertThatThrownBy(() -> ssh.connect(new SshTarget("n5", "127.0.0.1", quick)))
        .isInstanceOf(SshException.class)
        .hasMessageContaining("cannot connect to n5");

    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    System.out.println("unreachable port failed after " + took.toMillis() + " ms");
    assertThat(took).isLessThan(Duration.ofSeconds(2).plusMillis(1500));
  }
}
