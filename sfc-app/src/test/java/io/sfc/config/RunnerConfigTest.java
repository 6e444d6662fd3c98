package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.config.RunnerSettings.Mode;
import io.sfc.config.RunnerSettings.Placement;
import io.sfc.runner.fence.Fencing;
import io.sfc.runner.ssh.SshSettings;
import io.sfc.runner.ssh.SshSettings.HostKeyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerConfigTest {

  @Test
  void nodeSshBlockOverridesTheTopLevelKeyByKey(@TempDir Path dir) throws Exception {
    SfcConfig c =
        load(
            dir,
            """
            cluster: c
            ssh: {user: airflow, key_file: /etc/sfc/id, connect_timeout: 3s}
            nodes:
              - {id: a, host: 127.0.0.1, ssh: {port: 2222, host_key_policy: accept-new}}
              - {id: b, host: 127.0.0.2}
            metastore: {type: h2, path: /tmp/x}
            services: [{name: s, command: [x], placement: remote, fencing: required}]
            """);

    SshSettings a = c.sshOf("a");
    SshSettings b = c.sshOf("b");
    assertThat(a.user()).isEqualTo("airflow");
    assertThat(a.port()).isEqualTo(2222);
    assertThat(a.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    assertThat(a.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(b.port()).isEqualTo(22);
    assertThat(b.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
    assertThat(b.commandTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.keepalive()).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.knownHosts())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".ssh/known_hosts"));
    assertThat(c.runnerOf("s").placement()).isEqualTo(Placement.REMOTE);
    assertThat(c.runnerOf("s").fencing()).isEqualTo(Fencing.REQUIRED);
  }

  @Test
  void detachedServiceWithoutCommandAndAFenceCommandKeptLiterally(@TempDir Path dir)
      throws Exception {
    SfcConfig c =
        load(
            dir,
            """
            cluster: c
            nodes: [{id: a, host: h}]
            metastore: {type: h2, path: /tmp/x}
            services:
              - name: s
                mode: detached
                start_command: nohup airflow scheduler >> /tmp/s.log 2>&1 &
                process_pattern: airflow scheduler
                poll_interval: 500ms
                fence_command: fence --node ${node} --host ${host} ${service} ${epoch}
            """);

    RunnerSettings r = c.runnerOf("s");
    assertThat(r.mode()).isEqualTo(Mode.DETACHED);
    assertThat(r.detachedSettings().processPattern()).isEqualTo("airflow scheduler");
    assertThat(r.detachedSettings().pollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(r.fencing()).isEqualTo(Fencing.BEST_EFFORT);
    assertThat(r.fenceCommand())
        .isEqualTo("fence --node ${node} --host ${host} ${service} ${epoch}");
    assertThat(c.services().get(0).command())
        .isEqualTo(List.of("sh", "-c", "nohup airflow scheduler >> /tmp/s.log 2>&1 &"));
  }

  @Test
  void defaultsAreLocalShimBestEffort(@TempDir Path dir) throws Exception {
    SfcConfig c =
        load(
            dir,
            """
            cluster: c
            nodes: [{id: a, host: h}]
            metastore: {type: h2, path: /tmp/x}
            services: [{name: s, command: [x]}]
            """);

    assertThat(c.runnerOf("s")).isEqualTo(RunnerSettings.DEFAULTS);
    assertThat(c.sshOf("a")).isNull();
  }

  private static SfcConfig load(Path dir, String yaml) throws Exception {
    Path f = dir.resolve("sfc.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f, Map.of());
  }
}
