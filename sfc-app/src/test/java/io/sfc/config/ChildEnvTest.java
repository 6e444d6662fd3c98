package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.health.CommandCheck;
import io.sfc.runner.shell.LocalShell;
import io.sfc.secret.ChildEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Variables referenced as ${VAR} in the configuration do not reach the processes sfc starts. */
class ChildEnvTest {

  private static final String CONFIG =
      """
      cluster: c1
      nodes: [{id: n1, host: 127.0.0.1}]
      metastore:
        type: jdbc
        url: jdbc:mariadb://127.0.0.1:3306/sfc
        user: sfc
        password: ${SFC_T_DB_PASSWORD}
      services:
        - name: keeps
          command: [sleep, "100"]
          env: {OWN: "${HOME}"}
          env_passthrough: [SFC_T_KEPT]
        - name: other
          command: [sleep, "100"]
          env: {X: "${SFC_T_KEPT:-x}"}
      """;

  @AfterEach
  void reset() {
    ChildEnv.install(ChildEnv.NONE);
  }

  @Test
  void referencedNamesAreScrubbedExceptPassthrough() throws Exception {
    ConfigLoader.parse(
        CONFIG, Path.of("sfc.yaml"), Map.of("SFC_T_DB_PASSWORD", "pw", "HOME", "/h"));
    ChildEnv policy = ChildEnv.current();
    assertThat(policy.referenced())
        .containsExactlyInAnyOrder("HOME", "SFC_T_DB_PASSWORD", "SFC_T_KEPT");
    Map<String, String> env =
        new HashMap<>(Map.of("SFC_T_DB_PASSWORD", "pw", "SFC_T_KEPT", "k", "HOME", "/h", "P", "1"));
    policy.scrub("keeps", env);
    assertThat(env).containsOnlyKeys("SFC_T_KEPT", "P");
    env.put("SFC_T_KEPT", "k");
    policy.scrub("other", env);
    assertThat(env).containsOnlyKeys("P");
  }

  @Test
  void healthCommandsAndShellCommandsDoNotSeeReferencedVariables() throws Exception {
    assertThat(System.getenv("HOME")).isNotBlank();
    ChildEnv.install(new ChildEnv(java.util.Set.of("HOME"), Map.of()));
    CommandCheck check =
        new CommandCheck(List.of("sh", "-c", "test -z \"$HOME\""), Duration.ofSeconds(10));
    assertThat(check.check().healthy()).isTrue();
    var r = new LocalShell(Duration.ofSeconds(10)).run("echo \"[$HOME]\"", null);
    assertThat(r.stdout()).isEqualTo("[]\n");
  }
}
