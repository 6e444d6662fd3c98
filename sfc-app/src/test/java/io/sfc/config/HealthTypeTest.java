package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.health.AirflowHeartbeatCheck;
import io.sfc.health.HealthChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTypeTest {

  @Test
  void eachTypeIsNamedAsInTheFileAndOnlyTheProcessCheckPolls() {
    assertThat(Arrays.stream(HealthType.values()).map(t -> HealthType.named(t.toString())))
        .containsExactly(HealthType.values());
    assertThat(HealthType.NAMES)
        .containsExactly("process", "http", "tcp", "command", "airflow-heartbeat");
    assertThat(Arrays.stream(HealthType.values()).filter(HealthType::polls))
        .containsExactly(HealthType.PROCESS);
    assertThat(HealthType.named("htp")).isNull();
  }

  @Test
  void airflowHeartbeatHostnameIsLeftForTheCheckToResolve(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        """
        cluster: c
        nodes: [{id: a, host: h}]
        node: a
        metastore: {type: h2, path: /tmp/x}
        services:
          - name: s
            command: [x]
            health: [{type: airflow-heartbeat, url: 'jdbc:postgresql://db/airflow'}]
        """);

    List<HealthConfig> checks = ConfigLoader.load(file, Map.of()).healthOf("s");

    AirflowHeartbeatCheck.Settings a = (AirflowHeartbeatCheck.Settings) checks.get(0).settings();
    assertThat(a.hostname()).as("no host name lookup while binding").isNull();
    assertThat(HealthChecks.of(a)).isInstanceOf(AirflowHeartbeatCheck.class);
  }
}
