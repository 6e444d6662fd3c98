package io.sfc.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Hand-written HTTP over a plain socket: for requests a real client refuses to send. */
final class RawHttp {
  private RawHttp() {}

  /** Opens a connection from {@code source} (a loopback address) to 127.0.0.1:port. */
  static Socket open(String source, int port, int timeoutMs) throws IOException {
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(source, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
      s.setSoTimeout(timeoutMs);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Sends {@code request} and returns the status line, or "" when the server closed first. */
  static String exchange(int port, String request, int timeoutMs) throws IOException {
    try (Socket s = open("127.0.0.1", port, timeoutMs)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return statusLine(s.getInputStream());
    }
  }

  /** The first line of the response, or "" on end of stream. */
  static String statusLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      b.append((char) c);
    }
    return b.toString().trim();
  }

  /** A {@code GET} that closes the connection after its response. */
  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  }
}
