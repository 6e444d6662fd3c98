package io.sfc.metastore.etcd;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real etcd server ({@code /usr/bin/etcd}, Debian's etcd-server) started by a test on free
 * loopback ports with a temporary data directory, and killed by {@link #close()}. Its election
 * timeout is short, so its minimum lease TTL is one second.
 */
public final class EtcdServer implements AutoCloseable {
  public static final String BINARY = "/usr/bin/etcd";

  private final Path dataDir;
  private final int clientPort;
  private final int peerPort;
  private volatile Process process;
  private List<String> tlsFlags = List.of();

  private EtcdServer(Path dataDir, int clientPort, int peerPort) {
    this.dataDir = dataDir;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
  }

  /** True when the etcd binary is installed. */
  public static boolean available() {
    return Files.isExecutable(Path.of(BINARY));
  }

  /** Starts etcd and waits until it accepts connections. */
  public static EtcdServer start() throws IOException {
    Path dir = Files.createTempDirectory("sfc-etcd");
    EtcdServer server = new EtcdServer(dir, freePort(), freePort());
    server.launch();
    return server;
  }

  /**
   * Starts etcd serving clients over TLS only, with {@code cert} and {@code key} (PEM), and
   * requiring client certificates signed by {@code clientCa}.
   */
  public static EtcdServer startTls(Path cert, Path key, Path clientCa) throws IOException {
    Path dir = Files.createTempDirectory("sfc-etcd");
    EtcdServer server = new EtcdServer(dir, freePort(), freePort());
    server.tlsFlags =
        List.of(
            "--cert-file=" + cert,
            "--key-file=" + key,
            "--trusted-ca-file=" + clientCa,
            "--client-cert-auth");
    server.launch();
    return server;
  }

  private void launch() throws IOException {
    String peerUrl = "http://127.0.0.1:" + peerPort;
    String clientUrl = endpoint();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                BINARY,
                "--name=t",
                "--data-dir=" + dataDir.resolve("data"),
                "--listen-client-urls=" + clientUrl,
                "--advertise-client-urls=" + clientUrl,
                "--listen-peer-urls=" + peerUrl,
                "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=t=" + peerUrl,
                "--heartbeat-interval=10",
                "--election-timeout=100",
                "--log-level=error"));
    command.addAll(tlsFlags);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("etcd.log").toFile()))
            .start();
    await().atMost(Duration.ofSeconds(30)).until(this::accepts);
  }

  /**
   * Kills the server (SIGKILL) and starts it again on the same ports and data; returns when it
   * accepts connections.
   */
  public void restart() throws IOException, InterruptedException {
    process.destroyForcibly().waitFor();
    launch();
  }

  private boolean accepts() {
    if (!process.isAlive()) {
      throw new IllegalStateException("etcd exited; see " + dataDir.resolve("etcd.log"));
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), clientPort)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public String endpoint() {
    return (tlsFlags.isEmpty() ? "http" : "https") + "://127.0.0.1:" + clientPort;
  }

  /** Freezes the server (SIGSTOP): it keeps its sockets but answers nothing. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Resumes a frozen server (SIGCONT). */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
  }

  @Override
  public void close() throws IOException {
    try {
      resume();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
