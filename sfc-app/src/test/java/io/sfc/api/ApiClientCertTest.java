package io.sfc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.api.config.ApiConfig;
import io.sfc.metastore.TlsFiles;
import io.sfc.tls.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code api.tls.client_ca} and {@code client_auth}: certificates made by BouncyCastle, a real
 * Jetty server, the JDK's HTTP client.
 */
class ApiClientCertTest {
  private static final char[] PW = "changeit".toCharArray();
  @TempDir Path dir;
  TlsFiles pki;
  ApiServer server;

  @BeforeEach
  void pki() throws Exception {
    pki = TlsFiles.create(dir);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void requiredLetsInOnlyClientsWithACertificateFromTheCa() throws Exception {
    start(ApiConfig.ClientAuth.REQUIRED);
    Path[] stranger = TlsFiles.stranger(dir);

    assertThat(get(client(pki.clientCert(), pki.clientKey()), "/api/status").statusCode())
        .isEqualTo(200);
    assertRefused(client(null, null));
    assertRefused(client(stranger[0], stranger[1]));
  }

  @Test
  void optionalLetsInClientsWithoutACertificateButTheTokenStillGuardsWrites() throws Exception {
    start(ApiConfig.ClientAuth.OPTIONAL);
    HttpClient anonymous = client(null, null);

    assertThat(get(anonymous, "/api/status").statusCode()).isEqualTo(200);
    HttpResponse<String> pause =
        anonymous.send(
            HttpRequest.newBuilder(uri("/api/pause"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(pause.statusCode()).isEqualTo(401);
    assertThat(get(client(pki.clientCert(), pki.clientKey()), "/api/status").statusCode())
        .isEqualTo(200);
  }

  private void assertRefused(HttpClient c) {
    assertThatThrownBy(() -> get(c, "/api/status")).isInstanceOf(IOException.class);
  }

  private void start(ApiConfig.ClientAuth auth) throws Exception {
    ApiConfig.Tls tls = new ApiConfig.Tls(serverKeystore(), "changeit", "PKCS12", pki.ca(), auth);
    ApiConfig api =
        new ApiConfig(
            true, "127.0.0.1", 0, Map.of(), "0123456789abcdef0123", tls, ApiConfig.Limits.DEFAULTS);
    server = ApiTlsTest.startWith(api);
  }

  private Path serverKeystore() throws Exception {
    Path file = dir.resolve("server.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      keyStore(pki.serverCert(), pki.serverKey()).store(out, PW);
    }
    return file;
  }

  private HttpClient client(Path cert, Path key) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(cert == null ? null : keyStore(cert, key), PW);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(Pem.trustStore(pki.ca()));
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static KeyStore keyStore(Path cert, Path key) throws Exception {
    String pem = Files.readString(key).replaceAll("-----[A-Z ]+-----|\\s", "");
    PrivateKey k =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("key", k, PW, Pem.certificates(cert).toArray(Certificate[]::new));
    return ks;
  }

  private HttpResponse<String> get(HttpClient c, String path) throws Exception {
    return c.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }
}
