package io.sfc.metastore;

import io.sfc.tls.Pem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Finds out why a TLS connection to a metastore server fails: after the client library gave up
 * without a cause, one handshake with the same PEM files (and one read, which is where a refused
 * client certificate shows under TLS 1.3) names it. Used only after a failed open.
 */
public final class TlsProbe {
  private TlsProbe() {}

  /** The TLS cause and fix for {@code host:port}, or null when the handshake succeeds. */
  public static String diagnose(String host, int port, MetastoreTls tls, Duration timeout) {
    int ms = (int) Math.max(200, timeout.toMillis());
    try (SSLSocket s = (SSLSocket) context(tls).getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress(host, port), ms);
      s.setSoTimeout(ms);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      s.setSSLParameters(p);
      s.startHandshake();
      s.getInputStream().read();
      return null;
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException | GeneralSecurityException e) {
      return TlsErrors.explain(e, tls);
    } catch (IllegalArgumentException e) {
      return null; // an unreadable PEM file: reported where the client library loads it
    }
  }

  private static SSLContext context(MetastoreTls tls) throws IOException, GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(tls.ca() == null ? null : store(certs(tls.ca()), null));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(tls.cert() == null ? null : store(certs(tls.cert()), key(tls)), new char[0]);
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return c;
  }

  private static KeyStore store(List<Certificate> certs, PrivateKey key)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    if (key != null) {
      ks.setKeyEntry("key", key, new char[0], certs.toArray(Certificate[]::new));
      return ks;
    }
    for (int i = 0; i < certs.size(); i++) {
      ks.setCertificateEntry("ca" + i, certs.get(i));
    }
    return ks;
  }

  private static List<Certificate> certs(java.nio.file.Path file)
      throws IOException, GeneralSecurityException {
    return Pem.certificates(file);
  }

  private static PrivateKey key(MetastoreTls tls) throws IOException, GeneralSecurityException {
    String pem = Files.readString(tls.key()).replaceAll("-----[A-Z ]+-----|\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem));
    GeneralSecurityException last = null;
    for (String alg : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }
}
