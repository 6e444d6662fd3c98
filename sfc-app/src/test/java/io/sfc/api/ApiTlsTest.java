package io.sfc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.api.config.ApiConfig;
import io.sfc.core.model.NodeSpec;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code api.tls}: HTTPS from a PKCS12 keystore made by the JDK's keytool. */
class ApiTlsTest {
  @TempDir Path dir;
  ApiServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void servesHttpsWithTheKeystoresKey() throws Exception {
    Path keystore =
        keytool(
            "-genkeypair",
            "-alias",
            "sfc",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=127.0.0.1",
            "-ext",
            "san=ip:127.0.0.1",
            "-validity",
            "2");
    keytool("-exportcert", "-alias", "sfc", "-rfc", "-file", dir.resolve("cert.pem").toString());
    ApiConfig.Tls tls = new ApiConfig.Tls(keystore, "changeit", "PKCS12", null, null);
    ApiConfig api =
        new ApiConfig(true, "127.0.0.1", 0, Map.of(), null, tls, ApiConfig.Limits.DEFAULTS);
    server = startWith(api);
    URI uri = URI.create("https://127.0.0.1:" + server.port() + "/api/status");

    HttpResponse<String> r =
        HttpClient.newBuilder()
            .sslContext(trusting(dir.resolve("cert.pem")))
            .build()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"cluster\":\"c\"");
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  /** A server for cluster c, node n1, service s, with {@code api}. */
  static ApiServer startWith(ApiConfig api) throws Exception {
    return ApiServer.start(
        new ApiServer.Context(
            "c",
            "n1",
            List.of(new NodeSpec("n1", "127.0.0.1")),
            api,
            List.of("s"),
            Duration.ofSeconds(6),
            new LocalStatus(System::nanoTime),
            new FakeAdmin("s", "n1", 1),
            () -> "",
            System::nanoTime));
  }

  private Path keytool(String... args) throws Exception {
    Path keystore = dir.resolve("sfc.p12");
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-noprompt"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return keystore;
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      trust.setCertificateEntry(
          "sfc", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
