package io.sfc.lb;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates: CAs and leaves with chosen names and dates (BouncyCastle). */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /**
   * A key and its certificate.
   *
   * @param keys the key pair
   * @param cert the certificate
   */
  record Issued(KeyPair keys, X509Certificate cert) {}

  private TestPki() {}

  static Issued ca(String cn, Issued issuer) {
    return issue("CN=" + cn, issuer, true, List.of(), List.of(), validNow());
  }

  static Issued leaf(String subject, Issued issuer, List<String> dns, List<String> ips) {
    return issue(subject, issuer, false, dns, ips, validNow());
  }

  static Issued leaf(
      String subject, Issued issuer, List<String> dns, List<String> ips, Instant[] validity) {
    return issue(subject, issuer, false, dns, ips, validity);
  }

  static Instant[] validNow() {
    Instant now = Instant.now();
    return new Instant[] {now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))};
  }

  static Instant[] expired() {
    Instant now = Instant.now();
    return new Instant[] {now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(2))};
  }

  static Instant[] notYetValid() {
    Instant now = Instant.now();
    return new Instant[] {now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(60))};
  }

  static Issued issue(
      String subject,
      Issued issuer,
      boolean ca,
      List<String> dns,
      List<String> ips,
      Instant[] validity) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(256);
      KeyPair keys = gen.generateKeyPair();
      X500Name name = new X500Name(subject);
      X500Name issuerName =
          issuer == null ? name : new X500Name(issuer.cert().getSubjectX500Principal().getName());
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(validity[0]),
              Date.from(validity[1]),
              name,
              keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      if (issuer != null) {
        b.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            ext.createAuthorityKeyIdentifier(issuer.cert()));
      }
      if (ca) {
        b.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      }
      List<GeneralName> sans = new ArrayList<>();
      dns.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
      ips.forEach(i -> sans.add(new GeneralName(GeneralName.iPAddress, i)));
      if (!sans.isEmpty()) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(sans.toArray(GeneralName[]::new)));
      }
      KeyPair signer = issuer == null ? keys : issuer.keys();
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  b.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
      return new Issued(keys, cert);
    } catch (GeneralSecurityException
        | IOException
        | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        w.writeObject(o);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  static Path writePem(Path file, X509Certificate... certs) throws IOException {
    Files.writeString(file, pem((Object[]) certs));
    return file;
  }
}
