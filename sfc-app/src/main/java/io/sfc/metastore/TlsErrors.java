package io.sfc.metastore;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns a failed TLS connection to a metastore into a sentence naming the cause and the fix. */
public final class TlsErrors {
  private TlsErrors() {}

  /** The TLS cause of {@code failure} with its fix, or null when it is not a TLS failure. */
  public static String explain(Throwable failure, MetastoreTls tls) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof CertPathValidatorException || m.contains("pkix path")) {
        return "TLS: the server's certificate is not signed by a CA in "
            + tls.trusted()
            + "; give as tls.ca the CA that issued the server certificates";
      }
      if (m.contains("certificate_required") || m.contains("bad_certificate")) {
        return tls.cert() == null
            ? "TLS: the server requires a client certificate; set tls.cert and tls.key"
            : "TLS: the server refused the client certificate "
                + tls.cert()
                + "; it must be signed by a CA the server trusts (etcd --trusted-ca-file,"
                + " ZooKeeper ssl.trustStore)";
      }
      if (m.contains("no subject alternative") || m.contains("hostname")) {
        return "TLS: the server's certificate does not name the host connected to ("
            + t.getMessage()
            + "); connect by a name or IP address the certificate lists";
      }
      if (t instanceof SSLException || t instanceof CertificateException) {
        return "TLS: " + t.getMessage();
      }
    }
    return null;
  }
}
