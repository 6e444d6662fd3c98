package io.sfc.cli;

import io.sfc.core.port.DirectiveStore;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who runs a command, for the event log: {@code user@host}. */
final class Operator {
  private Operator() {}

  /** How a pause scope is shown: the service, or all services when none is given. */
  static String scope(String service) {
    return service == null ? "all services (" + DirectiveStore.ALL + ")" : service;
  }

  static String name() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return System.getProperty("user.name", "unknown") + "@" + host;
  }
}
