package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.sfc.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sfc lb-config --kind haproxy --active S} run by a real HAProxy: two nodes on 127.0.0.2 and
 * 127.0.0.3, each with a web server and an {@code /active} probe on its API port that answers 200
 * only where the service runs (as sfc's API does); traffic must follow the active node.
 */
class HaproxyActiveTest {
  static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
  @TempDir Path dir;
  final List<HttpServer> servers = new ArrayList<>();
  final AtomicReference<String> active = new AtomicReference<>("n2");
  Process haproxy;

  @AfterEach
  void stop() throws InterruptedException {
    if (haproxy != null) {
      haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void trafficFollowsTheNodeThatRunsTheService() throws Exception {
    assumeTrue(Files.isExecutable(HAPROXY), "HAProxy is not installed (.ci/run installs it)");
    int web = FreePorts.next();
    int api = FreePorts.next();
    int listen = FreePorts.next();
    for (String[] n : new String[][] {{"n1", "127.0.0.2"}, {"n2", "127.0.0.3"}}) {
      serve(n[1], web, "/", ex -> reply(ex, 200, n[0]));
      serve(n[1], api, "/active", ex -> reply(ex, probe(n[0], ex.getRequestURI()), "probe"));
    }
    Path cfg =
        Files.writeString(dir.resolve("haproxy.cfg"), defaults() + generate(web, api, listen));
    haproxy =
        new ProcessBuilder(HAPROXY.toString(), "-db", "-f", cfg.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("haproxy.log").toFile())
            .start();

    awaitServedBy(listen, "n2");
    active.set("n1");
    awaitServedBy(listen, "n1");
  }

  private int probe(String node, URI uri) {
    return node.equals(active.get()) && "service=sched".equals(uri.getQuery()) ? 200 : 503;
  }

  private String generate(int web, int api, int listen) throws IOException {
    Path sfc =
        Files.writeString(
            dir.resolve("sfc.yaml"),
            String.join(
                "\n",
                "cluster: prod",
                "nodes: [{id: n1, host: 127.0.0.2}, {id: n2, host: 127.0.0.3}]",
                "metastore: {type: h2, path: " + dir.resolve("meta") + "}",
                "api: {port: " + api + "}",
                "services: [{name: sched, command: [sleep, '1']}]",
                ""));
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    String[] args = {
      "lb-config",
      "-c",
      sfc.toString(),
      "--kind",
      "haproxy",
      "--active",
      "sched",
      "--port",
      String.valueOf(web),
      "--listen",
      String.valueOf(listen)
    };
    assertThat(cl.execute(args)).isZero();
    return out.toString().replace("bind *:", "bind 127.0.0.1:");
  }

  private static String defaults() {
    return "defaults\n    timeout connect 2s\n    timeout client 5s\n    timeout server 5s\n\n";
  }

  private void awaitServedBy(int listen, String node) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listen + "/")).build();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> threeInARow(client, req, node));
  }

  private static boolean threeInARow(HttpClient client, HttpRequest req, String node)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 || !r.body().equals(node)) {
        return false;
      }
    }
    return true;
  }

  private void serve(String host, int port, String path, Handler h) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 16);
    s.createContext(path, ex -> h.handle(ex));
    s.start();
    servers.add(s);
  }

  private interface Handler {
    void handle(com.sun.net.httpserver.HttpExchange ex) throws IOException;
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }
}
