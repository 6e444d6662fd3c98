package io.sfc.health;

import io.sfc.core.port.HealthCheck;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Healthy when a TCP connection to host:port succeeds within the timeout. */
public final class TcpCheck implements HealthCheck {

  /**
   * @param host the host to connect to
   * @param port its TCP port
   * @param timeout connect timeout
   */
  public record Settings(String host, int port, Duration timeout) implements CheckSettings {}

  private final String host;
  private final int port;
  private final Duration timeout;

  public TcpCheck(String host, int port, Duration timeout) {
    this.host = host;
    this.port = port;
    this.timeout = timeout;
  }

  @Override
  public Result check() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return Result.healthy("connected to " + host + ":" + port);
    } catch (java.io.IOException e) {
      return Result.unhealthy("cannot connect to " + host + ":" + port + ": " + e.getMessage());
    }
  }
}
