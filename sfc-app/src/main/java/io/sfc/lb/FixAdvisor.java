package io.sfc.lb;

import io.sfc.lb.ProxyTlsSettings.Flag;
import io.sfc.lb.ProxyTlsSettings.VerifyMode;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The proper fixes for a failing member, one per problem found. */
final class FixAdvisor {
  private FixAdvisor() {}

  static List<String> advise(
      List<X509Certificate> presented,
      List<X509Certificate> anchors,
      ProxyTlsSettings s,
      String name,
      Instant now) {
    List<String> fixes = new ArrayList<>();
    X509Certificate leaf = presented.get(0);
    if (s.verify() != VerifyMode.NONE) {
      chainFix(presented, anchors, s, now).ifPresent(fixes::add);
    }
    if (s.checkPeerExpire() != Flag.OFF && !HttpdTlsEvaluator.within(leaf, now)) {
      fixes.add(
          leaf.getNotAfter().toInstant().isBefore(now)
              ? "renew the member's certificate: it expired on " + leaf.getNotAfter().toInstant()
              : "the certificate is not valid before "
                  + leaf.getNotBefore().toInstant()
                  + ": fix the clock of the host that issued it (or of this host), or reissue it");
    }
    if (name != null && !HttpdNameMatch.matches(leaf, name)) {
      fixes.add(nameFix(s, name));
    }
    return fixes;
  }

  private static String nameFix(ProxyTlsSettings s, String name) {
    if (s.preserveHost()) {
      return "ProxyPreserveHost On makes httpd check the client's host name "
          + name
          + ": reissue every member's certificate with subjectAltName DNS:"
          + name
          + ", or turn ProxyPreserveHost off";
    }
    if (isIp(name)) {
      return "the member is addressed by IP "
          + name
          + " and httpd ignores IP subjectAltNames: address it by a DNS name its certificate"
          + " carries, or reissue with subjectAltName DNS:"
          + name;
    }
    return "reissue the member's certificate with subjectAltName DNS:" + name;
  }

  private static Optional<String> chainFix(
      List<X509Certificate> presented,
      List<X509Certificate> anchors,
      ProxyTlsSettings s,
      Instant now) {
    return OpenSslChain.verify(presented, anchors, s.depth(), now)
        .map(f -> chainFixFor(f, presented, s));
  }

  private static String chainFixFor(
      OpenSslChain.Failure f, List<X509Certificate> presented, ProxyTlsSettings s) {
    if (f.openSslError() == -1 || (f.tooLong() && f.openSslError() != 20)) {
      return "raise SSLProxyVerifyDepth to " + f.depth() + " (the member's chain needs it)";
    }
    X509Certificate leaf = presented.get(0);
    return switch (f.openSslError()) {
      case 18 ->
          "the member's certificate is self-signed: reissue it from your CA, or put it"
              + " in SSLProxyCACertificateFile";
      case 19 -> "put the root " + top(presented) + " in SSLProxyCACertificateFile";
      case 20 ->
          presented.size() == 1
              ? "the issuer "
                  + leaf.getIssuerX500Principal().getName()
                  + " is unknown: if it is an intermediate, make the member send it (or add it to"
                  + " SSLProxyCACertificateFile and raise SSLProxyVerifyDepth); if it is your private"
                  + " CA, put it in SSLProxyCACertificateFile"
              : "put the CA that issued " + top(presented) + " in SSLProxyCACertificateFile";
      case 2 ->
          "SSLProxyCACertificateFile holds an intermediate but not the root above it:"
              + " add the root CA (OpenSSL as used by httpd does not accept an intermediate as the"
              + " end of the chain)";
      case 9 -> "a certificate in the chain is not yet valid: check clocks or reissue";
      case 10 -> "a certificate in the chain has expired: renew it";
      default -> "fix the member's chain (" + f.text() + ")";
    };
  }

  private static String top(List<X509Certificate> presented) {
    return presented.get(presented.size() - 1).getIssuerX500Principal().getName();
  }

  static boolean isIp(String name) {
    return name.matches("[0-9.]+") || name.contains(":");
  }
}
