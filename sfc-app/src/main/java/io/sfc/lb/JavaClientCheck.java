package io.sfc.lb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Judges a server as a Java HTTPS client does: the JDK's own PKIX TrustManager (the given CAs, or
 * the JDK's cacerts) and its RFC 2818 endpoint identification ("HTTPS"), by a real handshake.
 */
public final class JavaClientCheck {
  private static final int TIMEOUT_MS = 5_000;

  /**
   * The outcome.
   *
   * @param pass whether a Java client accepts the server
   * @param cause the JDK's reason when it does not
   */
  public record Result(boolean pass, String cause) {}

  private JavaClientCheck() {}

  /**
   * Connects to host:port, identifying the peer as name.
   *
   * @param anchors trusted CAs; empty means the JDK's default trust store
   */
  public static Result check(String host, int port, String name, List<X509Certificate> anchors)
      throws IOException {
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      raw.setSoTimeout(TIMEOUT_MS);
      try (SSLSocket s =
          (SSLSocket) context(anchors).getSocketFactory().createSocket(raw, name, port, false)) {
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!FixAdvisor.isIp(name)) {
          p.setServerNames(List.of(new SNIHostName(name)));
        }
        s.setSSLParameters(p);
        s.startHandshake();
        return new Result(true, null);
      }
    } catch (SSLHandshakeException e) {
      return new Result(false, rootMessage(e));
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static SSLContext context(List<X509Certificate> anchors)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (anchors.isEmpty()) {
      tmf.init((KeyStore) null);
    } else {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      for (int i = 0; i < anchors.size(); i++) {
        ks.setCertificateEntry("ca" + i, anchors.get(i));
      }
      tmf.init(ks);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
