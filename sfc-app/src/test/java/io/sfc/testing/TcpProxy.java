package io.sfc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy for partition tests. {@link #blackhole()} silently drops every byte in both
 * directions and holds new connections without answering, like a network that lost the route;
 * {@link #heal()} closes the held connections and forwards again.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean blackholed;

  /** Starts forwarding a new loopback port to {@code targetPort} on loopback. */
  public TcpProxy(int targetPort) throws IOException {
    this(
        InetAddress.getLoopbackAddress(),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
  }

  /**
   * Starts forwarding a new port on {@code bind} (an address of this machine) to {@code target}.
   */
  public TcpProxy(InetAddress bind, InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, bind);
    Thread t = new Thread(this::acceptLoop, "proxy-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Drops every byte from now on and answers no new connection. */
  public void blackhole() {
    blackholed = true;
  }

  /** Closes the held connections and forwards again. */
  public void heal() {
    blackholed = false;
    closeAll();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread t = new Thread(() -> serve(client), "proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    if (blackholed) {
      pump(client, null);
      return;
    }
    try {
      Socket upstream = new Socket();
      sockets.add(upstream);
      upstream.connect(target, 2_000);
      Thread t = new Thread(() -> pump(upstream, client), "proxy-down");
      t.setDaemon(true);
      t.start();
      pump(client, upstream);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  /** Copies {@code from} to {@code to}, dropping everything while black-holed. */
  private void pump(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to == null ? null : to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (!blackholed && out != null) {
          out.write(buf, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // connection closed
    } finally {
      closeQuietly(from);
      if (to != null) {
        closeQuietly(to);
      }
    }
  }

  private void closeAll() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    closeAll();
  }
}
