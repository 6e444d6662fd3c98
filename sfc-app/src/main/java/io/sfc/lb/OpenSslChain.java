package io.sfc.lb;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Chain verification the way OpenSSL's {@code X509_verify_cert} does it for mod_ssl's proxy
 * context, including mod_ssl's depth rule from {@code ssl_callback_SSLVerify}: build the chain from
 * the presented certificates to a trusted certificate (trusted store first), then walk it from the
 * top down, checking validity dates and that no certificate sits deeper than {@code
 * SSLProxyVerifyDepth} (leaf = depth 0, so a root above one intermediate is at depth 2).
 */
public final class OpenSslChain {
  private OpenSslChain() {}

  /**
   * A verification error.
   *
   * @param openSslError OpenSSL's X509_V_ERR number (or -1 for mod_ssl's depth rule alone)
   * @param depth the depth at which it was raised
   * @param text OpenSSL's error string or mod_ssl's depth message
   * @param tooLong whether mod_ssl's depth limit was exceeded (AH02040)
   */
  public record Failure(int openSslError, int depth, String text, boolean tooLong) {}

  /**
   * Verifies a presented chain.
   *
   * @param presented the certificates the server sent, leaf first
   * @param anchors the certificates of SSLProxyCACertificateFile/Path
   * @param maxDepth the effective SSLProxyVerifyDepth
   * @param now the time to check validity against
   * @return the first failure, or empty when OpenSSL + mod_ssl accept the chain
   */
  public static Optional<Failure> verify(
      List<X509Certificate> presented, List<X509Certificate> anchors, int maxDepth, Instant now) {
    List<X509Certificate> chain = new ArrayList<>(List.of(presented.get(0)));
    List<X509Certificate> untrusted = presented.subList(1, presented.size());
    while (true) {
      X509Certificate cur = chain.get(chain.size() - 1);
      int depth = chain.size() - 1;
      Optional<X509Certificate> anchor = issuerIn(cur, anchors);
      if (anchor.isPresent()) {
        if (!anchor.get().equals(cur)) {
          chain.add(anchor.get());
        }
        return complete(chain, anchors, maxDepth, now);
      }
      if (selfSigned(cur)) {
        return Optional.of(
            depth == 0
                ? buildFailure(18, depth, "self-signed certificate", maxDepth)
                : buildFailure(
                    19, depth, "self-signed certificate in certificate chain", maxDepth));
      }
      Optional<X509Certificate> next =
          issuerIn(cur, untrusted).filter(c -> !chain.contains(c) && !c.equals(cur));
      if (next.isEmpty()) {
        return Optional.of(
            buildFailure(20, depth, "unable to get local issuer certificate", maxDepth));
      }
      chain.add(next.get());
    }
  }

  /**
   * Without X509_V_FLAG_PARTIAL_CHAIN (mod_ssl does not set it) a trusted certificate that is not
   * self-signed is not an anchor: OpenSSL keeps looking for its issuer in the trust store and fails
   * with error 2 when there is none.
   */
  private static Optional<Failure> complete(
      List<X509Certificate> chain, List<X509Certificate> anchors, int maxDepth, Instant now) {
    while (!selfSigned(chain.get(chain.size() - 1))) {
      X509Certificate top = chain.get(chain.size() - 1);
      Optional<X509Certificate> next = issuerIn(top, anchors).filter(c -> !chain.contains(c));
      if (next.isEmpty()) {
        return Optional.of(
            buildFailure(2, chain.size() - 1, "unable to get issuer certificate", maxDepth));
      }
      chain.add(next.get());
    }
    return walk(chain, maxDepth, now);
  }

  private static Failure buildFailure(int err, int depth, String text, int maxDepth) {
    return new Failure(err, depth, text, depth > maxDepth);
  }

  /** internal_verify: top (trust anchor) down to the leaf, time check then mod_ssl's callback. */
  private static Optional<Failure> walk(List<X509Certificate> chain, int maxDepth, Instant now) {
    Date at = Date.from(now);
    for (int depth = chain.size() - 1; depth >= 0; depth--) {
      X509Certificate c = chain.get(depth);
      if (c.getNotBefore().after(at)) {
        return Optional.of(new Failure(9, depth, "certificate is not yet valid", depth > maxDepth));
      }
      if (c.getNotAfter().before(at)) {
        return Optional.of(new Failure(10, depth, "certificate has expired", depth > maxDepth));
      }
      if (depth > maxDepth) {
        return Optional.of(
            new Failure(
                -1,
                depth,
                "Certificate Chain too long (chain has "
                    + depth
                    + " certificates, but maximum allowed are only "
                    + maxDepth
                    + ")",
                true));
      }
    }
    return Optional.empty();
  }

  /** The certificate among candidates that issued cert (subject match and signature check). */
  static Optional<X509Certificate> issuerIn(
      X509Certificate cert, List<X509Certificate> candidates) {
    for (X509Certificate c : candidates) {
      if (c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && signs(c, cert)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Whether the certificate's issuer is itself and its signature verifies with its own key. */
  public static boolean selfSigned(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signs(c, c);
  }

  private static boolean signs(X509Certificate issuer, X509Certificate cert) {
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
