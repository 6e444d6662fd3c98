package io.sfc.metastore.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that can turn into a black hole: it keeps accepting connections and
 * reading bytes but forwards nothing, like a database behind a dropped network.
 */
final class BlackHoleProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String host;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean blackHole;

  private BlackHoleProxy(ServerSocket server, String host, int targetPort) {
    this.server = server;
    this.host = host;
    this.targetPort = targetPort;
  }

  /** Starts a proxy to {@code hostPort} (e.g. {@code 127.0.0.1:3306}). */
  static BlackHoleProxy start(String hostPort) throws IOException {
    int colon = hostPort.lastIndexOf(':');
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    BlackHoleProxy proxy =
        new BlackHoleProxy(
            server, hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    daemon(proxy::acceptLoop, "proxy-accept");
    return proxy;
  }

  int port() {
    return server.getLocalPort();
  }

  void blackHole(boolean on) {
    blackHole = on;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket target = new Socket(host, targetPort);
        sockets.add(client);
        sockets.add(target);
        daemon(() -> pump(client, target), "proxy-up");
        daemon(() -> pump(target, client), "proxy-down");
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (!blackHole) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // connection closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // ignore
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    sockets.forEach(BlackHoleProxy::closeQuietly);
  }
}
