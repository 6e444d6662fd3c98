package io.sfc.lb;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Names in a certificate: subjectAltName entries and subject commonNames. */
public final class X509Names {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private X509Names() {}

  /** The dNSName entries of the subjectAltName extension. */
  public static List<String> dnsSans(X509Certificate cert) {
    return sans(cert, SAN_DNS);
  }

  /** The iPAddress entries of the subjectAltName extension. */
  public static List<String> ipSans(X509Certificate cert) {
    return sans(cert, SAN_IP);
  }

  /** Every commonName of the subject, in DN order (most significant first). */
  public static List<String> commonNames(X509Certificate cert) {
    try {
      List<Rdn> rdns = new LdapName(cert.getSubjectX500Principal().getName()).getRdns();
      List<String> cns = new ArrayList<>();
      for (int i = rdns.size() - 1; i >= 0; i--) {
        if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
          cns.add(String.valueOf(rdns.get(i).getValue()));
        }
      }
      return cns;
    } catch (InvalidNameException e) {
      return List.of();
    }
  }

  private static List<String> sans(X509Certificate cert, int type) {
    try {
      Collection<List<?>> all = cert.getSubjectAlternativeNames();
      if (all == null) {
        return List.of();
      }
      return all.stream()
          .filter(e -> ((Integer) e.get(0)) == type)
          .map(e -> String.valueOf(e.get(1)))
          .toList();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
