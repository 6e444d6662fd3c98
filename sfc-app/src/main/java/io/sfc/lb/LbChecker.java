package io.sfc.lb;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Fetches each HTTPS member's chain and judges it with {@link HttpdTlsEvaluator}. */
public final class LbChecker {

  /** Where chains come from (the network, or a test). */
  @FunctionalInterface
  public interface ChainSource {
    /** The chain presented by host:port when sent the given SNI name (null for none). */
    List<X509Certificate> fetch(String host, int port, String sni) throws IOException;
  }

  /** Where handshakes come from (the network through {@link ChainFetcher}, or a test). */
  @FunctionalInterface
  public interface HandshakeSource {
    /**
     * One connection attempt to host:port with the given SNI name (null for none), offering the
     * given protocols (empty: the defaults).
     */
    TlsHandshake handshake(String host, int port, String sni, Set<String> protocols);
  }

  private final HandshakeSource source;
  private final Clock clock;

  /** A checker over the given handshake source and clock. */
  public LbChecker(HandshakeSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /** A checker over a source of chains only (no CertificateRequest ever seen). */
  public LbChecker(ChainSource chains, Clock clock) {
    this(
        (host, port, sni, protocols) -> {
          try {
            return TlsHandshake.ok(chains.fetch(host, port, sni));
          } catch (IOException e) {
            return TlsHandshake.failed(e, !(e instanceof java.net.UnknownHostException));
          }
        },
        clock);
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
    ProxyTlsSettings st = m.settings();
    Set<String> protocols = SslProtocols.offered(st.protocol());
    if (protocols.isEmpty()) {
      return new MemberReport(
          m,
          name,
          null,
          "SSLProxyProtocol "
              + st.protocol()
              + " leaves no protocol that httpd's OpenSSL 3 and this check both speak (TLSv1.2,"
              + " TLSv1.3): allow at least TLSv1.2");
    }
    List<X509Certificate> anchors;
    MachineCerts mc;
    try {
      anchors = CaCertificates.load(st.caFile(), st.caPath());
      mc = MachineCerts.load(st);
    } catch (IOException e) {
      return new MemberReport(m, name, null, "cannot check: " + e.getMessage());
    }
    TlsHandshake h = source.handshake(m.url().getHost(), m.port(), name, protocols);
    if (h.outcome() != TlsHandshake.Outcome.OK) {
      String mismatch = mismatch(h, m, name, protocols);
      Verdict v = ConnectionFailures.verdict(h, m, mismatch);
      if (mismatch != null && !passesWith(m, name, v.fixes().get(0), anchors, mc)) {
        v = v.withFixes(List.of());
      }
      return new MemberReport(m, name, v, null);
    }
    return new MemberReport(
        m, name, HttpdTlsEvaluator.evaluate(h, anchors, mc, st, name, clock.instant()), null);
  }

  /**
   * Verifies a protocol fix ("SSLProxyProtocol ..."): the member, connected to with exactly the
   * protocols the fixed directive enables, passes the whole evaluation.
   */
  private boolean passesWith(
      LbMember m, String name, String fix, List<X509Certificate> anchors, MachineCerts mc) {
    ProxyTlsSettings fixed = m.settings().withProtocol(fix.substring("SSLProxyProtocol ".length()));
    TlsHandshake h =
        source.handshake(m.url().getHost(), m.port(), name, SslProtocols.offered(fixed.protocol()));
    return h.outcome() == TlsHandshake.Outcome.OK
        && HttpdTlsEvaluator.evaluate(h, anchors, mc, fixed, name, clock.instant()).pass();
  }

  /** The protocol the member speaks when SSLProxyProtocol's restriction made the handshake fail. */
  private String mismatch(TlsHandshake h, LbMember m, String name, Set<String> protocols) {
    if (h.outcome() != TlsHandshake.Outcome.HANDSHAKE_FAILED
        || protocols.containsAll(SslProtocols.TESTABLE)) {
      return null;
    }
    TlsHandshake free = source.handshake(m.url().getHost(), m.port(), name, SslProtocols.TESTABLE);
    return free.outcome() == TlsHandshake.Outcome.OK ? free.protocol() : null;
  }
}
