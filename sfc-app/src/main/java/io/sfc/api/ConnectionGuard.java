package io.sfc.api;

import io.sfc.api.config.ApiConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow, idle and numerous clients from starving the API: closes a connection at once when it
 * exceeds the total or per-client limit, and closes one that has not sent a complete request header
 * within the header deadline. Idle connections cost no thread (Jetty's selector holds them), so
 * {@code /health} and {@code /active} keep being answered while they are held.
 */
final class ConnectionGuard implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final ApiConfig.Limits limits;
  private final Scheduler scheduler;
  private final AtomicInteger total = new AtomicInteger();
  private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
  // The address as seen at open: a closed socket no longer knows its remote address.
  private final Map<Connection, InetAddress> clients = new ConcurrentHashMap<>();

  ConnectionGuard(ApiConfig.Limits limits, Scheduler scheduler) {
    this.limits = limits;
    this.scheduler = scheduler;
  }

  @Override
  public void onOpened(Connection c) {
    if (!(c instanceof SslConnection)) {
      Duration d = limits.headerTimeout();
      scheduler.schedule(() -> headerDeadline(c), d.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (!isNetwork(c)) {
      return;
    }
    int all = total.incrementAndGet();
    client(c).ifPresent(a -> clients.put(c, a));
    int mine = client(c).map(a -> perClient.merge(a, 1, Integer::sum)).orElse(0);
    if (all > limits.maxConnections() || mine > limits.maxConnectionsPerClient()) {
      LOG.debug("API connection from {} refused: {} open, {} from it", remote(c), all, mine);
      c.close();
    }
  }

  @Override
  public void onClosed(Connection c) {
    if (isNetwork(c)) {
      total.decrementAndGet();
      InetAddress a = clients.remove(c);
      if (a != null) {
        perClient.computeIfPresent(a, (k, n) -> n == 1 ? null : n - 1);
      }
    }
  }

  private void headerDeadline(Connection c) {
    if (c.getEndPoint().isOpen() && c.getMessagesIn() == 0) {
      LOG.debug("API connection from {} closed: no request header in time", remote(c));
      c.close();
    }
  }

  private static boolean isNetwork(Connection c) {
    return c.getEndPoint() instanceof SocketChannelEndPoint;
  }

  private static java.util.Optional<InetAddress> client(Connection c) {
    return remote(c) instanceof InetSocketAddress i
        ? java.util.Optional.ofNullable(i.getAddress())
        : java.util.Optional.empty();
  }

  private static SocketAddress remote(Connection c) {
    return c.getEndPoint().getRemoteSocketAddress();
  }
}
