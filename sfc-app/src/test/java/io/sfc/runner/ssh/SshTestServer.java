package io.sfc.runner.ssh;

import static org.awaitility.Awaitility.await;

import io.sfc.runner.ssh.SshSettings.HostKeyPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server (Debian's {@code /usr/sbin/sshd}) on a free loopback port, with its own
 * host key, an authorized test key and a known_hosts file listing its key, all in a temp dir. It
 * runs as the current user in the foreground ({@code -D -e}) and is stopped by {@link #close()}.
 */
public final class SshTestServer implements AutoCloseable {

  static final Path SSHD = Path.of("/usr/sbin/sshd");

  final Path dir;
  final int port;
  final Path clientKey;
  final Path knownHosts;
  final Path log;
  private final Process process;

  private SshTestServer(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.clientKey = dir.resolve("client_key");
    this.knownHosts = dir.resolve("known_hosts");
    this.log = dir.resolve("sshd.log");
  }

  public static boolean available() {
    return Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
  }

  /** Generates keys and config in {@code dir}, starts sshd and waits until it accepts. */
  public static SshTestServer start(Path dir) throws Exception {
    Files.createDirectories(Path.of("/run/sshd"));
    keygen(dir.resolve("host_key"));
    keygen(dir.resolve("client_key"));
    keygen(dir.resolve("other_key"));
    keygen(dir.resolve("pass_key"), PASSPHRASE, "ecdsa");
    Files.writeString(
        dir.resolve("authorized_keys"),
        Files.readString(dir.resolve("client_key.pub"))
            + Files.readString(dir.resolve("pass_key.pub")));
    int port = freePort();
    Files.writeString(dir.resolve("sshd_config"), config(dir, port));
    String hostPub = Files.readString(dir.resolve("host_key.pub")).trim();
    Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostPub + "\n");
    Process p =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    SshTestServer sshd = new SshTestServer(dir, port, p);
    await("sshd listening on " + port)
        .atMost(Duration.ofSeconds(20))
        .until(() -> !p.isAlive() || accepts(port));
    if (!p.isAlive()) {
      throw new IllegalStateException("sshd died: " + Files.readString(sshd.log));
    }
    return sshd;
  }

  private static String config(Path dir, int port) {
    return String.join(
        "\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + dir.resolve("host_key"),
        "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
        "StrictModes no",
        "UsePAM no",
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        "LogLevel VERBOSE",
        "");
  }

  /** The passphrase of {@code pass_key}, also authorized. */
  public static final String PASSPHRASE = "secret";

  /** An Ed25519 key without passphrase (ssh-keygen's default type). */
  private static void keygen(Path key) throws Exception {
    keygen(key, "", "ed25519");
  }

  private static void keygen(Path key, String passphrase, String type) throws Exception {
    Process p =
        new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("ssh-keygen failed for " + key);
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The pid of the listening sshd. */
  long pid() {
    return process.pid();
  }

  /** Settings that reach this server with the authorized key and strict host key checking. */
  public SshSettings settings() {
    return settings(clientKey, knownHosts, HostKeyPolicy.STRICT);
  }

  SshSettings settings(Path key, Path known, HostKeyPolicy policy) {
    return new SshSettings(
        System.getProperty("user.name"),
        port,
        key,
        null,
        known,
        policy,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        null);
  }

  /**
   * The top-level {@code ssh:} line of an sfc.yaml that reaches this server, plus {@code extra}.
   */
  public String yaml(String extra) {
    SshSettings s = settings();
    return "ssh: {key_file: '"
        + s.keyFile()
        + "', known_hosts: '"
        + s.knownHosts()
        + "', port: "
        + s.port()
        + extra
        + "}";
  }

  public SshTarget target(String node) {
    return new SshTarget(node, "127.0.0.1", settings());
  }

  /** Session processes (children of the listener), e.g. to kill the one serving a channel. */
  List<ProcessHandle> sessionProcesses() {
    return process.toHandle().children().toList();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
