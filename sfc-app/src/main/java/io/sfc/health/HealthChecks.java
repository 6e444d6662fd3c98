package io.sfc.health;

import io.sfc.core.port.HealthCheck;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Builds health checks from their settings. */
public final class HealthChecks {

  private HealthChecks() {}

  /**
   * The check for {@code s}. An airflow-heartbeat check without a hostname gets this machine's
   * canonical host name, looked up here (when the check is built), not when the file is read.
   */
  public static HealthCheck of(CheckSettings s) {
    if (s instanceof HttpCheck.Settings h) {
      return new HttpCheck(h);
    }
    if (s instanceof TcpCheck.Settings t) {
      return new TcpCheck(t.host(), t.port(), t.timeout());
    }
    if (s instanceof CommandCheck.Settings c) {
      return new CommandCheck(c.command(), c.timeout());
    }
    if (s instanceof AirflowHeartbeatCheck.Settings a) {
      return new AirflowHeartbeatCheck(a.hostname() == null ? a.withHostname(localHostname()) : a);
    }
    return new ProcessCheck();
  }

  private static String localHostname() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
