package io.sfc.runner.ssh;

import java.util.Objects;

/**
 * One node as reached over SSH.
 *
 * @param node node id, for messages
 * @param host host name or address to connect to
 * @param settings user, key, host key checking and timeouts
 */
public record SshTarget(String node, String host, SshSettings settings) {

  public SshTarget {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(settings, "settings");
  }

  /** {@code node (user@host:port)}, for messages. */
  public String describe() {
    return node + " (" + settings.user() + "@" + host + ":" + settings.port() + ")";
  }
}
