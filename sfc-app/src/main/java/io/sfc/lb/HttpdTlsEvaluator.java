package io.sfc.lb;

import io.sfc.lb.ProxyTlsSettings.Flag;
import io.sfc.lb.ProxyTlsSettings.VerifyMode;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges a presented chain the way httpd 2.4 (mod_ssl + OpenSSL) does on the proxy side. Pure: no
 * I/O. The order and conditions follow {@code ssl_io_filter_handshake} (proxy branch) and {@code
 * ssl_callback_SSLVerify}:
 *
 * <ol>
 *   <li>With SSLProxyVerify require/optional, OpenSSL's chain verification runs during the
 *       handshake; mod_ssl logs the OpenSSL error as AH02276 (info) when info is enabled, else as
 *       AH02039 (error), or AH02040 (error) for a chain deeper than SSLProxyVerifyDepth (default
 *       1), and the handshake fails (AH02003, info).
 *   <li>After a successful handshake, regardless of SSLProxyVerify: SSLProxyCheckPeerExpire (unset
 *       = on) checks the leaf's dates (AH02004, info).
 *   <li>If SSLProxyCheckPeerName is not off and (SSLProxyCheckPeerCN is not off or
 *       SSLProxyCheckPeerName is explicitly on): the name must match a DNS subjectAltName or any
 *       subject CN, with a leading "*." wildcard (AH02411, info). IP subjectAltNames are not used.
 *   <li>Else if SSLProxyCheckPeerCN is explicitly on: the first CN must equal the name (AH02005,
 *       info).
 * </ol>
 *
 * <p>So {@code SSLProxyCheckPeerCN off} alone disables all name checking, and the CN/Name
 * workaround never helps with chain, depth or expiry failures.
 */
public final class HttpdTlsEvaluator {

  /**
   * The HTTP status clients get when the backend handshake fails: observed 500 with Debian's httpd
   * 2.4.71 although mod_ssl logs "sending 502" (AH01997); older releases answer 502.
   */
  public static final int FAILURE_STATUS = 500;

  /** The status when the member breaks the connection after the handshake (observed 502). */
  public static final int READ_FAILURE_STATUS = 502;

  /** mod_ssl logs this (info) when the backend handshake fails before it completes. */
  static final LogEntry HANDSHAKE_FAILED =
      new LogEntry("AH02003", "info", "SSL Proxy connect failed");

  /** mod_ssl logs this (info) for every new backend TLS connection, good or bad. */
  static final LogEntry CONNECTED =
      new LogEntry("AH01964", "info", "Connection to child 0 established");

  /**
   * What mod_ssl and mod_proxy add when the backend handshake fails, independent of the cause (the
   * sequence observed with Debian's httpd 2.4.71 in the acceptance test).
   */
  static final List<LogEntry> GENERIC_FAILURE =
      List.of(
          new LogEntry("AH01998", "info", "Connection closed to child 0 with abortive shutdown"),
          new LogEntry("AH01997", "info", "SSL handshake failed: sending 502"),
          new LogEntry("AH01084", "error", "pass request body failed to <member>"),
          new LogEntry(
              "AH00898",
              "error",
              "Error during SSL Handshake with remote server returned by <path>"),
          new LogEntry("AH01097", "error", "pass request body failed to <member> from <client>"));

  private HttpdTlsEvaluator() {}

  /**
   * {@link #evaluate(TlsHandshake, List, MachineCerts, ProxyTlsSettings, String, Instant)} of a
   * plain handshake without a CertificateRequest.
   */
  public static Verdict evaluate(
      List<X509Certificate> presented,
      List<X509Certificate> anchors,
      ProxyTlsSettings s,
      String name,
      Instant now) {
    return evaluate(TlsHandshake.ok(presented), anchors, MachineCerts.none(), s, name, now);
  }

  /**
   * Evaluates one member.
   *
   * @param h what the member presented and asked for in the handshake
   * @param anchors the configured proxy CA certificates
   * @param mc the configured client certificates
   * @param s the directives in effect
   * @param name the name httpd checks (member host, or the client's Host with ProxyPreserveHost)
   * @param now evaluation time
   */
  public static Verdict evaluate(
      TlsHandshake h,
      List<X509Certificate> anchors,
      MachineCerts mc,
      ProxyTlsSettings s,
      String name,
      Instant now) {
    Verdict v = judge(h, anchors, mc, s, name, now);
    if (v.pass()) {
      return v;
    }
    boolean helps = judge(h, anchors, mc, s.withNameChecksOff(), name, now).pass();
    List<String> fixes = new ArrayList<>(fixes(h.chain(), anchors, s, name, now));
    ClientCertJudge.Outcome cc = ClientCertJudge.judge(h, mc, now);
    if (cc.rejected()) {
      fixes.add(cc.fix());
    }
    return new Verdict(false, v.causes(), v.log(), helps, fixes, v.status(), List.of());
  }

  private static Verdict judge(
      TlsHandshake h,
      List<X509Certificate> anchors,
      MachineCerts mc,
      ProxyTlsSettings s,
      String name,
      Instant now) {
    List<X509Certificate> presented = h.chain();
    List<String> causes = new ArrayList<>();
    List<LogEntry> log = new ArrayList<>();
    if (s.verify() != VerifyMode.NONE) {
      Optional<OpenSslChain.Failure> f = OpenSslChain.verify(presented, anchors, s.depth(), now);
      if (f.isPresent() && !optionalNoCaAccepts(s, f.get())) {
        chainFailure(f.get(), s, causes, log);
        return failed(causes, log);
      }
    }
    ClientCertJudge.Outcome cc = ClientCertJudge.judge(h, mc, now);
    log.addAll(cc.log());
    boolean tls13 = "TLSv1.3".equals(h.protocol());
    if (cc.rejected() && !tls13) {
      causes.add(cc.cause());
      log.add(HANDSHAKE_FAILED);
      return failed(causes, log);
    }
    X509Certificate leaf = presented.get(0);
    if (s.checkPeerExpire() != Flag.OFF && !within(leaf, now)) {
      causes.add("the certificate is outside its validity period " + period(leaf));
      log.add(new LogEntry("AH02004", "info", "SSL Proxy: Peer certificate is expired"));
    }
    nameCheck(leaf, s, name, causes, log);
    if (causes.isEmpty() && cc.rejected()) {
      causes.add(cc.cause() + "; with TLS 1.3 it says so only after the handshake");
      return refusedAfterHandshake(causes, log);
    }
    if (causes.isEmpty()) {
      List<LogEntry> all = new ArrayList<>(List.of(CONNECTED));
      all.addAll(log);
      return new Verdict(true, List.of(), all, false, List.of());
    }
    return failed(causes, log);
  }

  /**
   * TLS 1.3: the member refuses the client certificate (or its absence) after httpd's handshake
   * completed, so httpd fails reading the response: 502 (observed with httpd 2.4.71).
   */
  private static Verdict refusedAfterHandshake(List<String> causes, List<LogEntry> log) {
    List<LogEntry> all = new ArrayList<>(List.of(CONNECTED));
    all.addAll(log);
    // AH01992 when the member just closes, AH01991 when its alert arrives first (a race)
    all.add(
        new LogEntry(
            "AH01992",
            "info",
            "SSL library error 1 reading data",
            LogEntry.When.ALWAYS,
            "AH01991"));
    all.add(
        new LogEntry("AH01102", "error", "error reading status line from remote server <member>"));
    all.add(
        new LogEntry("AH00898", "error", "Error reading from remote server returned by <path>"));
    return new Verdict(false, causes, all, false, List.of(), READ_FAILURE_STATUS, List.of());
  }

  private static Verdict failed(List<String> causes, List<LogEntry> log) {
    List<LogEntry> all = new ArrayList<>(List.of(CONNECTED));
    all.addAll(log);
    all.addAll(GENERIC_FAILURE);
    return new Verdict(false, causes, all, false, List.of());
  }

  private static boolean optionalNoCaAccepts(ProxyTlsSettings s, OpenSslChain.Failure f) {
    boolean optionalError = List.of(18, 19, 20, 21, 27).contains(f.openSslError());
    return s.verify() == VerifyMode.OPTIONAL_NO_CA && optionalError && !f.tooLong();
  }

  private static void chainFailure(
      OpenSslChain.Failure f, ProxyTlsSettings s, List<String> causes, List<LogEntry> log) {
    if (f.openSslError() >= 0) {
      causes.add(
          "chain verification failed at depth "
              + f.depth()
              + ": OpenSSL error ("
              + f.openSslError()
              + ") "
              + f.text()
              + plainChain(f));
      String text = "Certificate Verification: Error (" + f.openSslError() + "): " + f.text();
      log.add(new LogEntry("AH02276", "info", text, LogEntry.When.INFO_ENABLED));
      log.add(new LogEntry("AH02039", "error", text, LogEntry.When.INFO_DISABLED));
    }
    if (f.tooLong()) {
      causes.add(
          "the chain reaches its trusted CA at depth "
              + f.depth()
              + " but SSLProxyVerifyDepth is "
              + s.depth()
              + (s.verifyDepth().isEmpty() ? " (the default)" : ""));
      log.add(
          new LogEntry("AH02040", "error", "Certificate Verification: Certificate Chain too long"));
    }
    log.add(HANDSHAKE_FAILED);
  }

  private static String plainChain(OpenSslChain.Failure f) {
    return switch (f.openSslError()) {
      case 18 ->
          " (the member presents a self-signed certificate that is not in the proxy CA file)";
      case 19 -> " (the chain ends in a root that is not in the proxy CA file)";
      case 20 -> " (the issuer is neither sent by the member nor in the proxy CA file)";
      default -> "";
    };
  }

  private static void nameCheck(
      X509Certificate leaf,
      ProxyTlsSettings s,
      String name,
      List<String> causes,
      List<LogEntry> log) {
    if (name == null) {
      return;
    }
    boolean nameRule =
        s.checkPeerName() != Flag.OFF
            && (s.checkPeerCn() != Flag.OFF || s.checkPeerName() == Flag.ON);
    if (nameRule) {
      if (!HttpdNameMatch.matches(leaf, name)) {
        causes.add(
            "the name httpd checks, "
                + name
                + ", matches neither a DNS subjectAltName nor a CN of the certificate "
                + describe(leaf));
        log.add(
            new LogEntry(
                "AH02411",
                "info",
                "SSL Proxy: Peer certificate does not match for hostname " + name));
      }
    } else if (s.checkPeerCn() == Flag.ON) {
      if (!HttpdNameMatch.firstCnMatches(leaf, name)) {
        causes.add("the certificate's CN does not match " + name + " " + describe(leaf));
        log.add(new LogEntry("AH02005", "info", "SSL Proxy: Peer certificate CN mismatch"));
      }
    }
  }

  /** A short description of a certificate's names. */
  static String describe(X509Certificate c) {
    return "(CN="
        + String.join(",", X509Names.commonNames(c))
        + "; DNS SANs="
        + X509Names.dnsSans(c)
        + "; IP SANs="
        + X509Names.ipSans(c)
        + ")";
  }

  static boolean within(X509Certificate c, Instant now) {
    return c.getNotBefore().toInstant().isBefore(now) && c.getNotAfter().toInstant().isAfter(now);
  }

  static String period(X509Certificate c) {
    return c.getNotBefore().toInstant() + " .. " + c.getNotAfter().toInstant();
  }

  private static List<String> fixes(
      List<X509Certificate> presented,
      List<X509Certificate> anchors,
      ProxyTlsSettings s,
      String name,
      Instant now) {
    return FixAdvisor.advise(presented, anchors, s, name, now);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
