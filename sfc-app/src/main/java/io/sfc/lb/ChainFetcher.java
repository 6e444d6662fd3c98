package io.sfc.lb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Connects to a TLS server and records what it presents, without judging it: the chain (a trust-all
 * manager is used only to get through the handshake), whether it sends a CertificateRequest and
 * with which CA names (a key manager that records the request and offers no certificate), whether
 * it then refuses the connection, and the negotiated protocol. SNI is sent as httpd sends it: the
 * checked name, unless that is an IP address.
 */
public final class ChainFetcher {
  private static final int TIMEOUT_MS = 5_000;

  /** How long to wait for a refusal after a TLS 1.3 handshake without a client certificate. */
  private static final int REFUSAL_WAIT_MS = 2_000;

  private ChainFetcher() {}

  /**
   * One connection attempt as httpd's proxy would make it.
   *
   * @param protocols the JSSE protocol names to offer (empty: the JDK's defaults)
   */
  public static TlsHandshake handshake(
      String host, int port, String sniName, Set<String> protocols) {
    Recorder rec = new Recorder();
    try (Socket raw = new Socket()) {
      try {
        raw.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      } catch (IOException e) {
        return TlsHandshake.failed(e, false);
      }
      raw.setSoTimeout(TIMEOUT_MS);
      return tls(raw, host, port, sniName, protocols, rec);
    } catch (IOException e) {
      return TlsHandshake.failed(e, true);
    }
  }

  private static TlsHandshake tls(
      Socket raw, String host, int port, String sniName, Set<String> protocols, Recorder rec)
      throws IOException {
    try (SSLSocket s =
        (SSLSocket) context(rec).getSocketFactory().createSocket(raw, host, port, false)) {
      SSLParameters p = s.getSSLParameters();
      p.setServerNames(
          sniName == null || FixAdvisor.isIp(sniName)
              ? List.of()
              : List.of(new SNIHostName(sniName)));
      if (!protocols.isEmpty()) {
        p.setProtocols(protocols.toArray(String[]::new));
      }
      s.setSSLParameters(p);
      try {
        s.startHandshake();
      } catch (IOException e) {
        // a TLS 1.2 member refuses a missing client certificate inside the handshake
        return rec.chain.isEmpty() || !rec.requested
            ? TlsHandshake.failed(e, true)
            : rec.result(true);
      }
      rec.protocol = s.getSession().getProtocol();
      return rec.result(rec.requested && refusedAfterwards(s));
    }
  }

  /**
   * TLS 1.3 servers refuse a missing client certificate only after the client's Finished: with an
   * alert or by closing the connection (the JDK's server closes it). A server that accepts the
   * connection waits for the request.
   */
  private static boolean refusedAfterwards(SSLSocket s) throws IOException {
    s.setSoTimeout(REFUSAL_WAIT_MS);
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static SSLContext context(Recorder rec) throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new KeyManager[] {rec.keys}, new TrustManager[] {rec.trust}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** What the handshake showed. */
  private static final class Recorder {
    List<X509Certificate> chain = List.of();
    boolean requested;
    final Set<X500Principal> issuers = new LinkedHashSet<>();
    String protocol;
    final RecordingKeys keys = new RecordingKeys(this);
    final CaptureAll trust = new CaptureAll(this);

    TlsHandshake result(boolean refused) {
      return new TlsHandshake(
          TlsHandshake.Outcome.OK,
          chain,
          requested,
          refused,
          new ArrayList<>(issuers),
          protocol,
          null);
    }
  }

  /** Offers no client certificate, recording that one was asked for and from which CAs. */
  private static final class RecordingKeys extends X509ExtendedKeyManager {
    private final Recorder rec;

    RecordingKeys(Recorder rec) {
      this.rec = rec;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      rec.requested = true;
      if (issuers != null) {
        Arrays.stream(issuers).map(i -> new X500Principal(i.getName())).forEach(rec.issuers::add);
      }
      if (socket instanceof SSLSocket s && s.getHandshakeSession() != null) {
        rec.protocol = s.getHandshakeSession().getProtocol();
      }
      return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
      return chooseClientAlias(keyType, issuers, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return null;
    }
  }

  /** Accepts anything, recording the chain: it is judged afterwards, never here. */
  private static final class CaptureAll extends X509ExtendedTrustManager {
    private final Recorder rec;

    CaptureAll(Recorder rec) {
      this.rec = rec;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      rec.chain = List.of(chain);
      if (socket instanceof SSLSocket s && s.getHandshakeSession() != null) {
        rec.protocol = s.getHandshakeSession().getProtocol();
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
      rec.chain = List.of(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      rec.chain = List.of(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
