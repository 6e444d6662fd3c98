package io.sfc.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;

/** PEM certificate bundles: read at load (to validate) and where a trust store is built. */
public final class Pem {
  private Pem() {}

  /** The X.509 certificates in {@code file}; empty when it holds none. */
  public static List<Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
  }

  /** An in-memory trust store holding every certificate of {@code file}. */
  public static KeyStore trustStore(Path file) throws IOException, GeneralSecurityException {
    List<Certificate> certs = certificates(file);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    for (int i = 0; i < certs.size(); i++) {
      ks.setCertificateEntry("ca" + i, certs.get(i));
    }
    return ks;
  }
}
