package io.sfc.health;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A stand-in service for the hung-service test: an HTTP server whose {@code /health} answers 200
 * {@code ok}, until a file {@code hang-<pid>} appears in the control directory; from then on every
 * request hangs forever while the process stays alive. On start it appends {@code start <pid>} to
 * {@code <dir>/starts}.
 *
 * <p>Arguments: port control-dir.
 */
public final class HangableHttpMain {

  private HangableHttpMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    long pid = ProcessHandle.current().pid();
    Path hang = dir.resolve("hang-" + pid);
    CountDownLatch never = new CountDownLatch(1);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/health",
        ex -> {
          if (Files.exists(hang)) {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] b = "ok".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    Files.writeString(
        dir.resolve("starts"),
        "start " + pid + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    never.await();
  }
}
