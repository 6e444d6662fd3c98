package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.api.config.ApiConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code api:} section: defaults, every key, per-node ports and the token from the env. */
class ApiConfigTest {

  private static final String BASE =
      """
      cluster: c
      nodes:
        - {id: a, host: 127.0.0.1}
        - {id: b, host: 127.0.0.1, api_port: 7481}
      metastore: {type: h2, path: /tmp/x}
      services: [{name: s, command: [sleep, '1000']}]
      """;

  @Test
  void defaultsWhenAbsent(@TempDir Path dir) throws Exception {
    ApiConfig api = load(dir, BASE, Map.of()).api();

    assertThat(api.enabled()).isTrue();
    assertThat(api.bind()).isEqualTo("127.0.0.1");
    assertThat(api.portOf("a")).isEqualTo(7480);
    assertThat(api.portOf("b")).isEqualTo(7481);
    assertThat(api.hasToken()).isFalse();
    assertThat(api.tls()).isNull();
  }

  @Test
  void limitsAreReadWithDefaultsForWhatIsAbsent(@TempDir Path dir) throws Exception {
    String yaml =
        BASE
            + """
            api:
              limits: {header_timeout: 2s, max_body_bytes: 4096, max_connections: 40}
            """;
    ApiConfig.Limits l = load(dir, yaml, Map.of()).api().limits();

    assertThat(l.headerTimeout()).hasSeconds(2);
    assertThat(l.maxBodyBytes()).isEqualTo(4096);
    assertThat(l.maxConnections()).isEqualTo(40);
    assertThat(l.bodyTimeout()).isEqualTo(ApiConfig.Limits.DEFAULTS.bodyTimeout());
    assertThat(l.threads()).isEqualTo(ApiConfig.Limits.DEFAULTS.threads());
    assertThat(load(dir, BASE, Map.of()).api().limits()).isEqualTo(ApiConfig.Limits.DEFAULTS);
  }

  @Test
  void exposureWarningOffLoopbackWithoutTlsOrToken() {
    assertThat(
            new ApiConfig(true, "127.0.0.1", 1, Map.of(), null, null, ApiConfig.Limits.DEFAULTS)
                .exposureWarning())
        .isNull();
    assertThat(
            new ApiConfig(true, "0.0.0.0", 1, Map.of(), "t", null, ApiConfig.Limits.DEFAULTS)
                .exposureWarning())
        .contains("without TLS")
        .contains("api.tls");
    ApiConfig.Tls tls = new ApiConfig.Tls(Path.of("k.p12"), "pw", "PKCS12", null, null);
    assertThat(
            new ApiConfig(true, "10.0.0.1", 1, Map.of(), null, tls, ApiConfig.Limits.DEFAULTS)
                .exposureWarning())
        .contains("without a token")
        .contains("api.token");
    assertThat(
            new ApiConfig(true, "10.0.0.1", 1, Map.of(), "t", tls, ApiConfig.Limits.DEFAULTS)
                .exposureWarning())
        .isNull();
    assertThat(
            new ApiConfig(false, "0.0.0.0", 1, Map.of(), null, null, ApiConfig.Limits.DEFAULTS)
                .exposureWarning())
        .isNull();
  }

  @Test
  void everyKey(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("sfc.p12"), "not really a keystore");
    String yaml =
        BASE
            + """
            api:
              enabled: false
              bind: 0.0.0.0
              port: 9000
              token: ${SFC_API_TOKEN}
              tls: {keystore: sfc.p12, password: changeit, type: pkcs12}
            """;
    ApiConfig api = load(dir, yaml, Map.of("SFC_API_TOKEN", "0123456789abcdef0123")).api();

    assertThat(api.enabled()).isFalse();
    assertThat(api.bind()).isEqualTo("0.0.0.0");
    assertThat(api.portOf("a")).isEqualTo(9000);
    assertThat(api.portOf("b")).isEqualTo(7481);
    assertThat(api.token()).isEqualTo("0123456789abcdef0123");
    assertThat(api.tls().keystore()).isEqualTo(dir.resolve("sfc.p12"));
    assertThat(api.tls().type()).isEqualTo("PKCS12");
    assertThat(api.toString()).doesNotContain("0123456789abcdef").doesNotContain("changeit");
  }

  @Test
  void emptyTokenVariableMeansNoToken(@TempDir Path dir) throws Exception {
    String yaml = BASE + "api: {token: '${SFC_API_TOKEN:-}'}\n";

    assertThat(load(dir, yaml, Map.of()).api().hasToken()).isFalse();
  }

  private static SfcConfig load(Path dir, String yaml, Map<String, String> env)
      throws IOException, ConfigException {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(file, env);
  }
}
