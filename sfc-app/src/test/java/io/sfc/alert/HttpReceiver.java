package io.sfc.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback that records every POSTed body; may be told to fail. */
public final class HttpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();

  public HttpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          int status = 200;
          if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 503;
          } else {
            bodies.add(new String(body, StandardCharsets.UTF_8));
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  public List<String> bodies() {
    return List.copyOf(bodies);
  }

  /** The next {@code n} requests get HTTP 503 and are not recorded. */
  public void failNext(int n) {
    failNext.set(n);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
