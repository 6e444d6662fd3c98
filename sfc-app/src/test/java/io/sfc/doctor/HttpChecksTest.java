package io.sfc.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Web server and node clock checks against a real JDK HTTP server on loopback. */
class HttpChecksTest {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  HttpServer server;
  String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> reply(ex, 200));
    server.createContext("/login", ex -> reply(ex, 302));
    server.createContext("/broken", ex -> reply(ex, 503));
    server.createContext("/health", ex -> reply(ex, 200));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, int status) throws IOException {
    if (status == 302) {
      ex.getResponseHeaders().add("Location", "/home");
    }
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void webServersPassOn2xxAnd3xxAndFailOtherwise() throws IOException {
    List<Finding> f =
        new WebServers(Clock.systemUTC(), TIMEOUT)
            .check(
                List.of(
                    URI.create(base),
                    URI.create(base + "/login"),
                    URI.create(base + "/broken"),
                    URI.create("http://127.0.0.1:" + closedPort() + "/")));

    assertThat(f)
        .extracting(Finding::status)
        .containsExactly(
            Finding.Status.PASS, Finding.Status.PASS, Finding.Status.FAIL, Finding.Status.FAIL);
    assertThat(f.get(0).subject()).isEqualTo(base + "/");
    assertThat(f.get(1).detail()).isEqualTo("answered 302");
    assertThat(f.get(2).detail()).startsWith("answered 503");
    assertThat(f.get(3).detail()).isEqualTo("no answer: cannot connect (refused or unreachable)");
    assertThat(f.get(3).fix()).contains("start the web server");
  }

  @Test
  void nodeClockFromTheDateHeader() throws IOException {
    Map<String, URI> nodes = new LinkedHashMap<>();
    nodes.put("m2", URI.create(base));
    nodes.put("m3", URI.create("http://127.0.0.1:" + closedPort()));

    List<Finding> f =
        new NodeClocks(Clock.systemUTC(), Duration.ofSeconds(2), TIMEOUT).check(nodes);

    assertThat(f.get(0).status()).isEqualTo(Finding.Status.PASS);
    assertThat(f.get(0).subject()).isEqualTo("m2 " + base + "/health");
    assertThat(f.get(0).detail()).contains("±0.5");
    assertThat(f.get(1).status()).isEqualTo(Finding.Status.WARN);
    assertThat(f.get(1).detail()).startsWith("unreachable");
  }

  @Test
  void aNodeWhoseClockIsFarOffFails() {
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-30));

    List<Finding> f =
        new NodeClocks(behind, Duration.ofSeconds(2), TIMEOUT)
            .check(Map.of("m2", URI.create(base)));

    assertThat(f.get(0).status()).isEqualTo(Finding.Status.FAIL);
    assertThat(MetastoreClockTest.offsetSeconds(f.get(0))).isCloseTo(30, within(10.0));
  }
}
