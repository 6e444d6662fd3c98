package io.sfc.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The TLS refusals every backend with {@code metastore.tls} must report with their cause, as a
 * rejection (not an outage): a server certificate from another CA, no client certificate where the
 * server requires one, and an unreadable key (found before connecting).
 */
public interface TlsRefusalCases {
  /** The certificates the backend's test server was started with. */
  TlsFiles pki();

  /** Opens the backend's test server with {@code tls}. */
  Metastore open(MetastoreTls tls) throws MetastoreException;

  @Test
  default void wrongCaIsRefusedWithItsCause() {
    assertRefused(
        new MetastoreTls(pki().otherCa(), pki().clientCert(), pki().clientKey()),
        "not signed by a CA in metastore.tls.ca");
  }

  @Test
  default void missingClientCertificateIsRefusedWithItsCause() {
    assertRefused(
        new MetastoreTls(pki().ca(), null, null), "the server requires a client certificate");
  }

  @Test
  default void unreadableKeyIsReportedWithoutConnecting() throws Exception {
    Path bad = Files.writeString(pki().ca().resolveSibling("bad-key.pem"), "not a key\n");
    assertRefused(new MetastoreTls(pki().ca(), pki().clientCert(), bad), "metastore.tls");
  }

  private void assertRefused(MetastoreTls tls, String cause) {
    assertThatThrownBy(() -> open(tls).close())
        .isInstanceOf(MetastoreException.class)
        .hasMessageContaining("cannot")
        .hasMessageContaining(cause)
        .satisfies(e -> assertThat(((MetastoreException) e).rejected()).isTrue());
  }
}
