package io.sfc.lb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Connects to a TLS server and returns the chain it presents, without judging it (a trust-all
 * manager is used only to get through the handshake). SNI is sent as httpd sends it: the checked
 * name, unless that is an IP address.
 */
public final class ChainFetcher {
  private static final int TIMEOUT_MS = 5_000;

  private ChainFetcher() {}

  /** The presented chain, leaf first. */
  public static List<X509Certificate> fetch(String host, int port, String sniName)
      throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new CaptureAll()}, null);
      try (Socket raw = new Socket()) {
        raw.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        raw.setSoTimeout(TIMEOUT_MS);
        try (SSLSocket s =
            (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, false)) {
          SSLParameters p = s.getSSLParameters();
          p.setServerNames(
              sniName == null || FixAdvisor.isIp(sniName)
                  ? List.of()
                  : List.of(new SNIHostName(sniName)));
          s.setSSLParameters(p);
          s.startHandshake();
          Certificate[] certs = s.getSession().getPeerCertificates();
          return Arrays.stream(certs).map(X509Certificate.class::cast).toList();
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** Accepts anything: the chain is judged afterwards, never here. */
  private static final class CaptureAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
