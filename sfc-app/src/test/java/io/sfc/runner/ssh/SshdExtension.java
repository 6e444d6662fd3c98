package io.sfc.runner.ssh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real sshd ({@link SshTestServer}) for a test class, with one {@link SshConnections} and an
 * executor; the class is skipped when Debian's openssh-server is not installed. Register as
 * {@code @RegisterExtension static final SshdExtension SSH = new SshdExtension();}.
 */
public final class SshdExtension implements BeforeAllCallback, AfterAllCallback {

  private Path dir;
  private SshTestServer server;
  private SshConnections connections;
  private ExecutorService executor;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    assumeTrue(SshTestServer.available(), "needs /usr/sbin/sshd (Debian openssh-server)");
    dir = Files.createTempDirectory("sfc-sshd-");
    server = SshTestServer.start(dir);
    connections =
        new SshConnections(
            Map.of("SFC_TEST_PASS", "secret")::get, Duration.ofSeconds(1), System::nanoTime);
    executor = Executors.newCachedThreadPool();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (connections != null) {
      connections.close();
    }
    if (server != null) {
      server.close();
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  public SshTestServer server() {
    return server;
  }

  public SshConnections connections() {
    return connections;
  }

  public ExecutorService executor() {
    return executor;
  }

  /** The temp dir holding the server's keys, config and log. */
  public Path dir() {
    return dir;
  }
}
