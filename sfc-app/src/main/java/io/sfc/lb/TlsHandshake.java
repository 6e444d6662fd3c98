package io.sfc.lb;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * What one TLS connection attempt to a member showed, as httpd's proxy would meet it.
 *
 * @param outcome how far the connection got
 * @param chain the chain the member presented, leaf first (empty unless the member sent one)
 * @param clientCertRequested whether the member sent a CertificateRequest
 * @param clientCertRequired whether the member refused the connection without a client certificate
 * @param acceptedIssuers the CA names of the CertificateRequest (empty when none were sent)
 * @param protocol the negotiated protocol, e.g. "TLSv1.3" (null when unknown)
 * @param detail the underlying error message, null on success
 */
public record TlsHandshake(
    Outcome outcome,
    List<X509Certificate> chain,
    boolean clientCertRequested,
    boolean clientCertRequired,
    List<X500Principal> acceptedIssuers,
    String protocol,
    String detail) {

  /** How far a connection attempt got. */
  public enum Outcome {
    /** The member presented its chain. */
    OK,
    /** The member host does not resolve. */
    DNS_FAILURE,
    /** Nothing listens at the member's address (or it is unreachable). */
    REFUSED,
    /** The TCP connection was not established in time. */
    CONNECT_TIMEOUT,
    /** Connected, but the member did not answer the TLS handshake in time. */
    HANDSHAKE_TIMEOUT,
    /** Connected, but no TLS session could be agreed (protocol or cipher mismatch, not TLS). */
    HANDSHAKE_FAILED
  }

  /** Copies the lists. */
  public TlsHandshake {
    chain = List.copyOf(chain);
    acceptedIssuers = List.copyOf(acceptedIssuers);
  }

  /** A plain successful handshake with no CertificateRequest. */
  public static TlsHandshake ok(List<X509Certificate> chain) {
    return new TlsHandshake(Outcome.OK, chain, false, false, List.of(), null, null);
  }

  /**
   * A failed attempt, classified by its exception.
   *
   * @param connected whether the TCP connection had been established
   */
  public static TlsHandshake failed(IOException e, boolean connected) {
    Outcome o;
    if (e instanceof UnknownHostException) {
      o = Outcome.DNS_FAILURE;
    } else if (e instanceof SocketTimeoutException) {
      o = connected ? Outcome.HANDSHAKE_TIMEOUT : Outcome.CONNECT_TIMEOUT;
    } else if (e instanceof ConnectException || !connected) {
      o = Outcome.REFUSED;
    } else {
      o = Outcome.HANDSHAKE_FAILED;
    }
    return new TlsHandshake(o, List.of(), false, false, List.of(), null, e.getMessage());
  }
}
