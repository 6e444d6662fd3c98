package io.sfc.lb;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * mod_ssl's {@code modssl_X509_match_name} (ssl_util_ssl.c): the identifiers are all dNSName
 * subjectAltNames followed by all subject CNs (CNs are used even when DNS SANs exist, unlike RFC
 * 6125); a name matches an identifier case-insensitively, or an identifier "*.rest" matches when
 * the name's part from its first dot equals ".rest". iPAddress SANs are never consulted.
 */
public final class HttpdNameMatch {
  private HttpdNameMatch() {}

  /** SSLProxyCheckPeerName's rule. */
  public static boolean matches(X509Certificate cert, String name) {
    List<String> ids = new ArrayList<>(X509Names.dnsSans(cert));
    ids.addAll(X509Names.commonNames(cert));
    return ids.stream().anyMatch(id -> idMatches(id, name));
  }

  /** The legacy SSLProxyCheckPeerCN rule: the (first) CN, exact or simple "*." wildcard. */
  public static boolean firstCnMatches(X509Certificate cert, String name) {
    List<String> cns = X509Names.commonNames(cert);
    return !cns.isEmpty() && idMatches(cns.get(0), name);
  }

  static boolean idMatches(String id, String name) {
    if (id.equalsIgnoreCase(name)) {
      return true;
    }
    int dot = name.indexOf('.');
    return id.startsWith("*.") && dot >= 0 && id.substring(1).equalsIgnoreCase(name.substring(dot));
  }
}
