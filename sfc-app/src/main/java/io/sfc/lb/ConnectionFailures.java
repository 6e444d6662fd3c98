package io.sfc.lb;

import java.util.ArrayList;
import java.util.List;

/**
 * Verdicts for members httpd cannot get a TLS session with, as httpd 2.4.71 (Debian) answers them
 * (observed in {@code HttpdConnectionAcceptanceTest}). Pure.
 *
 * <ul>
 *   <li>DNS failure: 500, AH00898 "DNS lookup failure" (error); the worker is not put in error
 *       state.
 *   <li>Connection refused (or unreachable, or connect timeout): 503, AH00957 and AH01114 (error);
 *       a balancer member also AH00959: it is put in error state for {@code retry} seconds (default
 *       60).
 *   <li>Handshake timeout or no common protocol/cipher: 500, the handshake-failure lines (AH02003
 *       at info, AH01084/AH00898/AH01097 at error).
 * </ul>
 */
final class ConnectionFailures {
  static final int DNS_STATUS = 500;
  static final int CONNECT_STATUS = 503;

  private ConnectionFailures() {}

  /**
   * The verdict for a failed attempt.
   *
   * @param h the attempt (outcome other than OK)
   * @param m the member
   * @param mismatch the protocol the member speaks when it answered without SSLProxyProtocol's
   *     restriction, else null
   */
  static Verdict verdict(TlsHandshake h, LbMember m, String mismatch) {
    return switch (h.outcome()) {
      case DNS_FAILURE -> dns(m);
      case REFUSED, CONNECT_TIMEOUT -> refused(h, m);
      default -> handshake(h, m, mismatch);
    };
  }

  private static Verdict dns(LbMember m) {
    String host = m.url().getHost();
    return new Verdict(
        false,
        List.of("the member host " + host + " does not resolve (DNS lookup failure)"),
        List.of(
            new LogEntry(
                "AH00898", "error", "DNS lookup failure for: " + host + " returned by <path>")),
        false,
        List.of(
            "make "
                + host
                + " resolve on the load balancer host (DNS or /etc/hosts), or correct the member"
                + " URL"),
        DNS_STATUS,
        List.of(
            "ProxyPass retry/disablereuse: no effect (a DNS failure does not disable the worker)"));
  }

  private static Verdict refused(TlsHandshake h, LbMember m) {
    String address = m.url().getHost() + ":" + m.port();
    List<LogEntry> log = new ArrayList<>();
    log.add(
        new LogEntry(
            "AH00957", "error", "https: attempt to connect to <ip>:" + m.port() + " failed"));
    if (m.inBalancer()) {
      log.add(
          new LogEntry(
              "AH00959",
              "error",
              "ap_proxy_connect_backend disabling worker for ("
                  + address
                  + ") for "
                  + retry(m)
                  + "s"));
    }
    log.add(new LogEntry("AH01114", "error", "HTTP: failed to make connection to backend"));
    String why =
        h.outcome() == TlsHandshake.Outcome.CONNECT_TIMEOUT
            ? "the TCP connection to " + address + " was not established in time"
            : "connection to " + address + " refused (nothing listens there?)";
    return new Verdict(
        false,
        List.of(why + ": " + h.detail()),
        log,
        false,
        List.of("start the member's service on " + address + ", or correct the member URL"),
        CONNECT_STATUS,
        List.of(retryEffect(m)));
  }

  static int retry(LbMember m) {
    String r = m.params().get("retry");
    return r != null && r.matches("[0-9]{1,9}") ? Integer.parseInt(r) : 60;
  }

  private static String retryEffect(LbMember m) {
    if (!m.inBalancer()) {
      return "ProxyPass retry: no effect here (httpd 2.4.71 does not disable a worker outside a"
          + " balancer); disablereuse: no effect (no connection was made)";
    }
    return "retry="
        + retry(m)
        + (m.params().containsKey("retry") ? "" : " (the default)")
        + ": httpd takes this member out of the balancer for "
        + retry(m)
        + " s (AH00959), requests go to the other members meanwhile; when every member is in"
        + " error the balancer retries them at once (forcerecovery on), so each request gets"
        + " 503; disablereuse: no effect (no connection was made)";
  }

  private static Verdict handshake(TlsHandshake h, LbMember m, String mismatch) {
    String address = m.url().getHost() + ":" + m.port();
    List<String> causes = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    if (mismatch != null) {
      causes.add(
          "the member speaks "
              + mismatch
              + ", which SSLProxyProtocol "
              + m.settings().protocol()
              + " excludes: no common protocol");
      fixes.add("SSLProxyProtocol " + m.settings().protocol() + " +" + mismatch);
    } else if (h.outcome() == TlsHandshake.Outcome.HANDSHAKE_TIMEOUT) {
      causes.add(
          "connected to "
              + address
              + " but the member did not answer the TLS handshake (httpd gives up after ProxyTimeout"
              + " or the worker's timeout=, default Timeout 60 s)");
      fixes.add("check that " + address + " serves TLS and is not hung");
    } else {
      causes.add("no TLS session with " + address + ": " + h.detail());
      fixes.add("check that " + address + " serves TLS with a protocol and cipher httpd offers");
    }
    List<LogEntry> log = new ArrayList<>(List.of(HttpdTlsEvaluator.CONNECTED));
    log.add(HttpdTlsEvaluator.HANDSHAKE_FAILED);
    log.addAll(HttpdTlsEvaluator.GENERIC_FAILURE);
    return new Verdict(
        false,
        causes,
        log,
        false,
        fixes,
        HttpdTlsEvaluator.FAILURE_STATUS,
        List.of("ProxyPass retry/disablereuse: no effect (the worker is not disabled)"));
  }
}
