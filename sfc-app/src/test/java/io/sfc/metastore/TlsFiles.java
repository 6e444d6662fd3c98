package io.sfc.metastore;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test PEM files for metastore TLS (BouncyCastle): a CA, a server certificate for 127.0.0.1 and
 * localhost, and a client certificate, all signed by the CA; plus a second, unrelated CA.
 *
 * @param ca the CA certificate
 * @param otherCa a CA that signed nothing here
 * @param serverCert the server certificate
 * @param serverKey its PKCS#8 key
 * @param clientCert the client certificate
 * @param clientKey its PKCS#8 key
 */
public record TlsFiles(
    Path ca, Path otherCa, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private record Issued(KeyPair keys, X509Certificate cert) {}

  /** Writes a fresh set of files into {@code dir}. */
  public static TlsFiles create(Path dir) throws Exception {
    Issued ca = issue("CN=sfc test CA", null, true);
    Issued other = issue("CN=other CA", null, true);
    Issued server = issue("CN=127.0.0.1", ca, false);
    Issued client = issue("CN=sfc", ca, false);
    return new TlsFiles(
        cert(dir.resolve("ca.pem"), ca),
        cert(dir.resolve("other-ca.pem"), other),
        cert(dir.resolve("server.pem"), server),
        key(dir.resolve("server-key.pem"), server),
        cert(dir.resolve("client.pem"), client),
        key(dir.resolve("client-key.pem"), client));
  }

  /**
   * A client certificate ({@code [0]}) and its key ({@code [1]}) signed by a CA unrelated to the
   * ones of {@link #create}, written into {@code dir}.
   */
  public static Path[] stranger(Path dir) throws Exception {
    Issued client = issue("CN=stranger", issue("CN=stranger CA", null, true), false);
    return new Path[] {
      cert(dir.resolve("stranger.pem"), client), key(dir.resolve("stranger-key.pem"), client)
    };
  }

  private static Issued issue(String subject, Issued issuer, boolean ca)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    KeyPair keys = gen.generateKeyPair();
    X500Name name = new X500Name(subject);
    X500Name issuerName =
        issuer == null ? name : new X500Name(issuer.cert().getSubjectX500Principal().getName());
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuerName,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(30))),
            name,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (!ca) {
      GeneralName[] sans = {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost")
      };
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
    }
    KeyPair signer = issuer == null ? keys : issuer.keys();
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    return new Issued(keys, cert);
  }

  private static Path cert(Path file, Issued i) throws Exception {
    return write(file, "CERTIFICATE", i.cert().getEncoded());
  }

  private static Path key(Path file, Issued i) throws IOException {
    return write(file, "PRIVATE KEY", i.keys().getPrivate().getEncoded());
  }

  private static Path write(Path file, String type, byte[] der) throws IOException {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    return file;
  }
}
