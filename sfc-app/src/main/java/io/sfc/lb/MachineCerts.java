package io.sfc.lb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The client certificates httpd's proxy can present ({@code SSLProxyMachineCertificateFile}, {@code
 * SSLProxyMachineCertificatePath}) and the CA certificates of {@code
 * SSLProxyMachineCertificateChainFile}, as mod_ssl loads them at start-up.
 *
 * @param certs the client certificates, in the order mod_ssl tries them
 * @param chain the chain file's CA certificates
 */
public record MachineCerts(List<X509Certificate> certs, List<X509Certificate> chain) {

  /** Copies the lists. */
  public MachineCerts {
    certs = List.copyOf(certs);
    chain = List.copyOf(chain);
  }

  /** No client certificate configured. */
  public static MachineCerts none() {
    return new MachineCerts(List.of(), List.of());
  }

  /**
   * Loads what the settings name.
   *
   * @throws IOException naming the file, for what httpd refuses at start-up (no certificate, a
   *     certificate without its private key in the same file) or cannot read
   */
  public static MachineCerts load(ProxyTlsSettings s) throws IOException {
    List<X509Certificate> certs = new ArrayList<>();
    if (s.machineCertFile() != null) {
      certs.addAll(withKey(Path.of(s.machineCertFile())));
    }
    if (s.machineCertPath() != null) {
      try (Stream<Path> files = Files.list(Path.of(s.machineCertPath()))) {
        for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
          certs.addAll(withKey(p));
        }
      }
    }
    List<X509Certificate> chain =
        s.machineChainFile() == null
            ? List.of()
            : CaCertificates.read(Path.of(s.machineChainFile()));
    return new MachineCerts(certs, chain);
  }

  private static final Pattern CERT =
      Pattern.compile("-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----");

  private static List<X509Certificate> withKey(Path p) throws IOException {
    String text = Files.readString(p, StandardCharsets.ISO_8859_1);
    List<X509Certificate> certs = new ArrayList<>();
    Matcher m = CERT.matcher(text);
    while (m.find()) {
      certs.add(parse(p, m.group()));
    }
    if (certs.isEmpty() || !text.contains("PRIVATE KEY-----")) {
      throw new IOException(
          p
              + " must hold each client certificate followed by its unencrypted private key (httpd"
              + " refuses to start: AH02252 \"incomplete client cert configured for SSL proxy\")");
    }
    return certs;
  }

  private static X509Certificate parse(Path p, String pem) throws IOException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (CertificateException e) {
      throw new IOException("cannot read a certificate in " + p + ": " + e.getMessage(), e);
    }
  }

  /** Whether any client certificate is configured. */
  public boolean any() {
    return !certs.isEmpty();
  }
}
