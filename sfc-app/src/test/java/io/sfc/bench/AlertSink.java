package io.sfc.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Receives the controllers' webhook alerts (format json) and remembers when each arrived. One HTTP
 * server per address the controllers can reach (loopback, or a namespace's host side).
 */
final class AlertSink implements AutoCloseable {
  /** One alert as received: arrival time (epoch ms) and the JSON body. */
  record Alert(long atMillis, String body) {}

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();

  /** Listens on a new port of {@code address}; returns the URL to give a controller. */
  synchronized String listen(InetAddress address) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(address, 0), 16);
    s.createContext("/alert", this::handle);
    s.start();
    servers.add(s);
    return "http://" + address.getHostAddress() + ":" + s.getAddress().getPort() + "/alert";
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    alerts.add(new Alert(System.currentTimeMillis(), body));
    ex.sendResponseHeaders(204, -1);
    ex.close();
  }

  /** Alerts that arrived at or after {@code sinceMillis}. */
  List<Alert> since(long sinceMillis) {
    return alerts.stream().filter(a -> a.atMillis() >= sinceMillis).toList();
  }

  @Override
  public synchronized void close() {
    servers.forEach(s -> s.stop(0));
  }
}
