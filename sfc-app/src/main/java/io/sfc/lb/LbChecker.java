package io.sfc.lb;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/** Fetches each HTTPS member's chain and judges it with {@link HttpdTlsEvaluator}. */
public final class LbChecker {

  /** Where chains come from (the network, or a test). */
  @FunctionalInterface
  public interface ChainSource {
    /** The chain presented by host:port when sent the given SNI name (null for none). */
    List<X509Certificate> fetch(String host, int port, String sni) throws IOException;
  }

  private final ChainSource source;
  private final Clock clock;

  /** A checker over the given chain source and clock. */
  public LbChecker(ChainSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /**
   * Judges one member.
   *
   * @param m the member
   * @param clientHost the Host a client sends, used with ProxyPreserveHost On (may be null)
   */
  public MemberReport check(LbMember m, String clientHost) {
    MemberReport r = checkSettings(m, clientHost);
    if (m.alternative() == null) {
      return r;
    }
    MemberReport other = checkSettings(m.withSettings(m.alternative()), clientHost);
    if (same(r, other)) {
      return r;
    }
    return new MemberReport(
        m,
        r.checkedName(),
        null,
        "cannot judge: the outcome depends on "
            + String.join("; ", m.assumptions())
            + " (if it holds: "
            + outcome(r)
            + "; if not: "
            + outcome(other)
            + ")");
  }

  private static boolean same(MemberReport a, MemberReport b) {
    return a.pass() == b.pass()
        && java.util.Objects.equals(a.error(), b.error())
        && (a.verdict() == null) == (b.verdict() == null)
        && (a.verdict() == null || a.verdict().codesAt("info").equals(b.verdict().codesAt("info")));
  }

  private static String outcome(MemberReport r) {
    if (r.error() != null) {
      return r.error();
    }
    return r.pass() ? "PASS" : "FAIL, " + String.join("; ", r.verdict().causes());
  }

  private MemberReport checkSettings(LbMember m, String clientHost) {
    if (m.https() && m.settings().preserveHost() && clientHost == null) {
      return new MemberReport(
          m,
          null,
          null,
          "ProxyPreserveHost On: httpd checks the Host clients send against this member's"
              + " certificate; pass --client-host NAME to check it");
    }
    return checkAs(m, m.settings().preserveHost() ? clientHost : m.url().getHost());
  }

  /** The connection failure in words, naming the address httpd would connect to. */
  static String describe(LbMember m, IOException e) {
    String address = m.url().getHost() + ":" + m.port();
    if (e instanceof java.net.UnknownHostException) {
      return "the member host " + m.url().getHost() + " does not resolve (DNS lookup failure)";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection to " + address + " refused (nothing listens there?): " + e.getMessage();
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return "no answer from " + address + " within the timeout: " + e.getMessage();
    }
    return address + ": " + e.getMessage();
  }

  /** Judges one member against an explicit name (what httpd would check). */
  public MemberReport checkAs(LbMember m, String name) {
    if (!m.https()) {
      return new MemberReport(m, name, null, null);
    }
    if (!m.settings().sslProxyEngine()) {
      return new MemberReport(
          m,
          name,
          null,
          "https member but SSLProxyEngine is not on in this scope: httpd refuses the request"
              + " (AH01961 \"SSL Proxy requested ... but not enabled\", AH00961 \"failed to"
              + " enable ssl support\"); add SSLProxyEngine on");
    }
    try {
      List<X509Certificate> anchors =
          CaCertificates.load(m.settings().caFile(), m.settings().caPath());
      List<X509Certificate> chain = source.fetch(m.url().getHost(), m.port(), name);
      return new MemberReport(
          m,
          name,
          HttpdTlsEvaluator.evaluate(chain, anchors, m.settings(), name, clock.instant()),
          null);
    } catch (IOException e) {
      return new MemberReport(m, name, null, "cannot check: " + describe(m, e));
    }
  }
}
