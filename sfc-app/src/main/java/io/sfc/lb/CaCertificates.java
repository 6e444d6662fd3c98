package io.sfc.lb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads SSLProxyCACertificateFile / SSLProxyCACertificatePath contents. */
public final class CaCertificates {
  private CaCertificates() {}

  /** Every certificate of the file (PEM or DER, several allowed) and of each file in the dir. */
  public static List<X509Certificate> load(String file, String dir) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    if (file != null) {
      out.addAll(read(Path.of(file)));
    }
    if (dir != null) {
      try (Stream<Path> s = Files.list(Path.of(dir))) {
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          try {
            out.addAll(read(p));
          } catch (IOException e) {
            // not a certificate file: httpd's hashed directory may hold other files
          }
        }
      }
    }
    return out;
  }

  /** The certificates in one file. */
  public static List<X509Certificate> read(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast)
          .toList();
    } catch (CertificateException e) {
      throw new IOException("cannot read certificates from " + p + ": " + e.getMessage(), e);
    }
  }
}
