package io.sfc.lb;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * What mod_ssl's proxy client-certificate callback ({@code ssl_callback_proxy_cert}) does with a
 * member's CertificateRequest, and whether the member then accepts the connection. Pure. mod_ssl
 * logs AH02268 (warn) when no certificate is configured; with a CA list it sends the first
 * configured certificate whose issuer (or, through SSLProxyMachineCertificateChainFile, an issuer
 * above it) is in the list, else none (AH02273, debug); without a list, the first certificate.
 */
final class ClientCertJudge {
  static final LogEntry NONE_CONFIGURED =
      new LogEntry(
          "AH02268",
          "warn",
          "Proxy client certificate callback: downstream server wanted client certificate but none"
              + " are configured");

  /**
   * The callback's outcome.
   *
   * @param log what mod_ssl logs
   * @param cause why the member refuses the connection, null when it accepts it
   * @param fix the fix for that cause, null when it accepts
   */
  record Outcome(List<LogEntry> log, String cause, String fix) {
    boolean rejected() {
      return cause != null;
    }
  }

  private static final Outcome ACCEPTED = new Outcome(List.of(), null, null);

  private ClientCertJudge() {}

  static Outcome judge(TlsHandshake h, MachineCerts mc, Instant now) {
    if (!h.clientCertRequested()) {
      return ACCEPTED;
    }
    String accepts =
        h.acceptedIssuers().isEmpty()
            ? "it sent no CA list"
            : "it accepts certificates issued by " + names(h.acceptedIssuers());
    if (!mc.any()) {
      return new Outcome(
          List.of(NONE_CONFIGURED),
          h.clientCertRequired()
              ? "the member requires a client certificate and none is configured (" + accepts + ")"
              : null,
          "configure SSLProxyMachineCertificateFile with a client certificate and its key"
              + (h.acceptedIssuers().isEmpty() ? "" : " issued by " + names(h.acceptedIssuers())));
    }
    Optional<X509Certificate> sent = choose(h.acceptedIssuers(), mc);
    if (sent.isEmpty()) {
      return h.clientCertRequired()
          ? new Outcome(
              List.of(),
              "no configured client certificate is issued by a CA the member accepts ("
                  + accepts
                  + "; configured: issued by "
                  + names(mc.certs().stream().map(X509Certificate::getIssuerX500Principal).toList())
                  + ")",
              "configure a client certificate issued by " + names(h.acceptedIssuers()))
          : ACCEPTED;
    }
    return validity(sent.get(), now);
  }

  private static Outcome validity(X509Certificate c, Instant now) {
    if (HttpdTlsEvaluator.within(c, now)) {
      return ACCEPTED;
    }
    return new Outcome(
        List.of(),
        "the client certificate "
            + c.getSubjectX500Principal().getName()
            + " that httpd sends is outside its validity period "
            + HttpdTlsEvaluator.period(c)
            + ": the member refuses it",
        "renew the client certificate in SSLProxyMachineCertificateFile");
  }

  /** mod_ssl's choice: CA names in the member's order, then certificates in file order. */
  private static Optional<X509Certificate> choose(List<X500Principal> cas, MachineCerts mc) {
    if (cas.isEmpty()) {
      return Optional.of(mc.certs().get(0));
    }
    for (X500Principal ca : cas) {
      for (X509Certificate c : mc.certs()) {
        if (issuers(c, mc.chain()).contains(ca)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /** The certificate's issuer and the issuers above it in the chain file (bounded). */
  private static List<X500Principal> issuers(X509Certificate c, List<X509Certificate> chain) {
    List<X500Principal> out = new ArrayList<>(List.of(c.getIssuerX500Principal()));
    X509Certificate cur = c;
    for (int i = 0; i < 10; i++) {
      X500Principal issuer = cur.getIssuerX500Principal();
      Optional<X509Certificate> up =
          chain.stream()
              .filter(x -> x.getSubjectX500Principal().equals(issuer) && !x.equals(c))
              .findFirst();
      if (up.isEmpty() || up.get().getIssuerX500Principal().equals(issuer)) {
        break;
      }
      cur = up.get();
      out.add(cur.getIssuerX500Principal());
    }
    return out;
  }

  private static String names(List<X500Principal> ps) {
    return String.join(" or ", ps.stream().map(X500Principal::getName).toList());
  }
}
