package io.sfc.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sfc.core.port.HealthCheck.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http, tcp, command and process checks against real servers and processes. */
class ChecksTest {
  static final Duration T = Duration.ofSeconds(2);
  HttpServer server;
  final AtomicInteger status = new AtomicInteger(200);
  final AtomicReference<String> body =
      new AtomicReference<>("{\"scheduler\":{\"status\":\"healthy\"}}");
  final CountDownLatch release = new CountDownLatch(1);
  volatile boolean hang;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(
        "/health",
        ex -> {
          if (hang) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status.get(), b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  HttpCheck http(String contains, Duration timeout) {
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    return new HttpCheck(new HttpCheck.Settings(uri, Set.of(200), contains, timeout));
  }

  @Test
  void httpHealthyOnExpectedStatusAndBody() throws Exception {
    assertThat(http("healthy", T).check()).isEqualTo(Result.healthy("HTTP 200"));
  }

  @Test
  void httpUnhealthyOnOtherStatus() throws Exception {
    status.set(503);
    assertThat(http(null, T).check()).isEqualTo(Result.unhealthy("HTTP 503"));
  }

  @Test
  void httpUnhealthyWhenBodyLacksText() throws Exception {
    body.set("{\"scheduler\":{\"status\":\"unhealthy\"}}");
    assertThat(http("\"healthy\"", T).check())
        .isEqualTo(Result.unhealthy("HTTP 200, body lacks '\"healthy\"'"));
  }

  @Test
  void httpTimesOutOnAHungServer() throws Exception {
    hang = true;
    assertThat(http(null, Duration.ofMillis(300)).check())
        .isEqualTo(Result.unhealthy("no answer within 300ms"));
  }

  @Test
  void tcpConnectsOrNot() throws Exception {
    int open = server.getAddress().getPort();
    assertThat(new TcpCheck("127.0.0.1", open, T).check().healthy()).isTrue();
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Result r = new TcpCheck("127.0.0.1", closed, T).check();
    assertThat(r.healthy()).isFalse();
    assertThat(r.detail()).startsWith("cannot connect to 127.0.0.1:" + closed + ": ");
  }

  @Test
  void commandExitStatusAndLastLine() throws Exception {
    assertThat(new CommandCheck(List.of("bash", "-c", "echo fine"), T).check())
        .isEqualTo(Result.healthy("exit status 0: fine"));
    assertThat(new CommandCheck(List.of("bash", "-c", "echo a; echo 'db down'; exit 3"), T).check())
        .isEqualTo(Result.unhealthy("exit status 3: db down"));
  }

  @Test
  void commandIsKilledAfterItsTimeout() throws Exception {
    long t0 = System.nanoTime();
    Result r = new CommandCheck(List.of("sleep", "30"), Duration.ofMillis(300)).check();
    assertThat(r).isEqualTo(Result.unhealthy("command did not finish within 300 ms"));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void processCheckIsAlwaysHealthy() {
    assertThat(new ProcessCheck().check().healthy()).isTrue();
  }
}
