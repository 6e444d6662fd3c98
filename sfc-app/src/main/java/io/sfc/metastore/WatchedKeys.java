package io.sfc.metastore;

import io.sfc.core.port.ChangeWatch;
import io.sfc.core.port.DirectiveStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Which service a changed key or znode of a cluster concerns, for the change watches of ZooKeeper
 * and etcd, whose layouts share the form {@code <cluster base>/<kind>/<url-encoded name>}: a lease,
 * a pause (of a service, or of all: {@code *}) or a switchover request. Other keys (events, member
 * reports, epochs) give no hint: nothing a controller decides on changes with them.
 */
public final class WatchedKeys {
  private WatchedKeys() {}

  /**
   * The service {@code relative} (a path below the cluster's base, without a leading slash)
   * concerns, {@link ChangeWatch#ALL} for a pause of all, or null when it gives no hint.
   */
  public static String serviceOf(String relative) {
    int slash = relative.indexOf('/');
    if (slash < 0 || relative.indexOf('/', slash + 1) >= 0 || slash == relative.length() - 1) {
      return null;
    }
    String kind = relative.substring(0, slash);
    String name = URLDecoder.decode(relative.substring(slash + 1), StandardCharsets.UTF_8);
    return switch (kind) {
      case "leases", "switchovers" -> name;
      case "pauses" -> name.equals(DirectiveStore.ALL) ? ChangeWatch.ALL : name;
      default -> null;
    };
  }
}
