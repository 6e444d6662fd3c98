package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code *_file} form of secret keys, and the masking of what they hold. */
class SecretFilesTest {

  private static String config(String metastoreSecret) {
    return """
        cluster: c1
        nodes: [{id: n1, host: 127.0.0.1}]
        metastore:
          type: jdbc
          url: jdbc:mariadb://127.0.0.1:3306/sfc
          user: sfc
        %s
        services:
          - name: s1
            command: [sleep, "100"]
        """
        .formatted(metastoreSecret);
  }

  @Test
  void readsPasswordFileWithoutTrailingNewline(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("db-password");
    Files.writeString(file, "Fx7-from-a-file\n");
    SfcConfig c =
        ConfigLoader.parse(
            config("  password_file: ${CREDENTIALS_DIRECTORY}/db-password"),
            dir.resolve("sfc.yaml"),
            Map.of("CREDENTIALS_DIRECTORY", dir.toString()));
    assertThat(c.metastore().password()).isEqualTo("Fx7-from-a-file");
    assertThat(io.sfc.secret.Secrets.mask("x Fx7-from-a-file y")).isEqualTo("x *** y");
  }

  @Test
  void missingFileNamesKeyAndPath(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    config("  password_file: " + dir.resolve("nope")),
                    dir.resolve("sfc.yaml"),
                    Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("metastore.password_file:")
        .hasMessageContaining(dir.resolve("nope") + "' (no such file)");
  }

  @Test
  void bothFormsAreAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p");
    Files.writeString(file, "x");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    config("  password: inline\n  password_file: " + file),
                    dir.resolve("sfc.yaml"),
                    Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("keep only one of password and password_file");
  }
}
