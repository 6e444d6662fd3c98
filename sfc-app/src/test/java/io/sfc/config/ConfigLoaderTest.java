package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StateFiles;
import io.sfc.core.model.Timings;
import io.sfc.metastore.config.MetastoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static final Path VALID = Path.of("src/test/resources/config/valid");

  @Test
  void loadsEveryKeyOfAFullConfig() throws ConfigException {
    Path file = VALID.resolve("full.yaml");

    SfcConfig c = ConfigLoader.load(file, Map.of());

    assertThat(c.source()).isEqualTo(file);
    assertThat(c.cluster()).isEqualTo("airflow-prod");
    assertThat(c.node()).isEqualTo("master-2");
    assertThat(c.nodes())
        .containsExactly(
            new NodeSpec("master-1", "10.0.0.1"), new NodeSpec("master-2", "master-2.example.com"));
    assertThat(c.self()).isEqualTo(new NodeSpec("master-2", "master-2.example.com"));
    assertThat(c.metastore())
        .isEqualTo(MetastoreConfig.jdbc("jdbc:postgresql://db:5432/sfc", "sfc", "s3cret"));
    assertThat(c.timings())
        .isEqualTo(
            new Timings(
                Duration.ofSeconds(15),
                Duration.ofMillis(500),
                Duration.ofMillis(1500),
                Duration.ofSeconds(3),
                Duration.ofSeconds(2)));
    assertThat(c.services()).containsExactly(scheduler(), beat(Duration.ofSeconds(3)));
  }

  private static ServiceSpec scheduler() {
    return new ServiceSpec(
        "scheduler",
        List.of("airflow", "scheduler", "--pid", "/run/airflow/scheduler.pid"),
        Path.of("/opt/airflow"),
        Map.of("AIRFLOW_HOME", "/opt/airflow", "AIRFLOW__CORE__PARALLELISM", "32"),
        "INT",
        Duration.ofSeconds(10),
        new RestartPolicy(
            Duration.ofSeconds(2),
            Duration.ofMinutes(1),
            0,
            Duration.ofHours(1),
            Duration.ofSeconds(90)));
  }

  private static ServiceSpec beat(Duration stopTimeout) {
    return new ServiceSpec(
        "celery-beat",
        List.of("airflow", "celery", "beat"),
        null,
        Map.of(),
        "TERM",
        stopTimeout,
        RestartPolicy.DEFAULTS);
  }

  @Test
  void appliesDefaults() throws ConfigException {
    Path file = VALID.resolve("minimal.yaml");

    SfcConfig c = ConfigLoader.load(file, Map.of());

    assertThat(c.node()).isNull();
    assertThat(c.timings()).isEqualTo(Timings.DEFAULTS);
    ServiceSpec s = c.services().get(0);
    assertThat(s.stopSignal()).isEqualTo("TERM");
    assertThat(s.stopTimeout()).isEqualTo(Timings.DEFAULTS.stopTimeout());
    assertThat(s.restart()).isEqualTo(RestartPolicy.DEFAULTS);
    assertThat(s.env()).isEmpty();
    assertThat(s.workingDir()).isNull();
  }

  @Test
  void resolvesARelativeH2PathAgainstTheFilesDirectory() throws ConfigException {
    SfcConfig c = ConfigLoader.load(VALID.resolve("minimal.yaml"), Map.of());

    Path expected = VALID.toAbsolutePath().resolve("meta/sfc").normalize();
    assertThat(c.metastore())
        .isEqualTo(
            MetastoreConfig.jdbc("jdbc:h2:file:" + expected + ";AUTO_SERVER=TRUE", "sa", ""));
  }

  @Test
  void servicesInheritTheTimingsStopTimeout(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        """
        cluster: c
        nodes: [{id: a, host: h}]
        metastore: {type: h2, path: /tmp/m}
        timings: {lease_ttl: 20s, stop_timeout: 7s}
        services: [{name: s, command: [x]}]
        """);

    assertThat(ConfigLoader.load(file, Map.of()).services().get(0).stopTimeout())
        .isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void loadsZooKeeperMetastoreWithDefaultRootAndDigestAuth(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        """
        cluster: c
        nodes: [{id: a, host: h}]
        metastore: {type: zookeeper, hosts: "zk1:2181,zk2:2181", user: sfc, password: pw}
        services: [{name: s, command: [x]}]
        """);

    MetastoreConfig m = ConfigLoader.load(file, Map.of()).metastore();

    assertThat(m).isEqualTo(MetastoreConfig.zookeeper("zk1:2181,zk2:2181", "/sfc", "sfc", "pw"));
    assertThat(m.kind()).isEqualTo(MetastoreConfig.Kind.ZOOKEEPER);
    assertThat(m.toString()).contains("zk1:2181,zk2:2181").doesNotContain("pw]");
  }

  @Test
  void loadsZooKeeperMetastoreWithTls(@TempDir Path dir) throws Exception {
    for (String pem : List.of("ca.pem", "c.pem", "k.pem")) {
      Files.writeString(dir.resolve(pem), "x");
    }
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        """
        cluster: c
        nodes: [{id: a, host: h}]
        metastore:
          type: zookeeper
          hosts: "zk1:2281"
          tls: {ca: ca.pem, cert: c.pem, key: k.pem}
        services: [{name: s, command: [x]}]
        """);

    MetastoreConfig m = ConfigLoader.load(file, Map.of()).metastore();

    assertThat(m.tls())
        .isEqualTo(
            new io.sfc.metastore.MetastoreTls(
                dir.resolve("ca.pem"), dir.resolve("c.pem"), dir.resolve("k.pem")));
    assertThat(m.hosts()).isEqualTo("zk1:2281");
  }

  @Test
  void eventsSectionSetsTheRetentionWithDefaultsForWhatIsLeftOut(@TempDir Path dir)
      throws Exception {
    String base = "cluster: c\nnodes: [{id: a, host: h}]\nmetastore: {type: h2, path: m}\n";
    String services = "services: [{name: s, command: [x]}]\n";
    Path file = Files.writeString(dir.resolve("sfc.yaml"), base + services);
    assertThat(ConfigLoader.load(file, Map.of()).metastore().events())
        .isEqualTo(new io.sfc.metastore.EventRetention(10_000, Duration.ofDays(30)));

    Files.writeString(file, base + "events: {keep: 500, max_age: 7d}\n" + services);
    assertThat(ConfigLoader.load(file, Map.of()).metastore().events())
        .isEqualTo(new io.sfc.metastore.EventRetention(500, Duration.ofDays(7)));
  }

  @Test
  void loadsEtcdMetastore(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        """
        cluster: c
        nodes: [{id: a, host: h}]
        metastore: {type: etcd, endpoints: [http://127.0.0.1:2379, 'http://e2:2379']}
        services: [{name: s, command: [x]}]
        """);

    MetastoreConfig m = ConfigLoader.load(file, Map.of()).metastore();

    assertThat(m)
        .isEqualTo(
            MetastoreConfig.etcd(List.of("http://127.0.0.1:2379", "http://e2:2379"), null, null));
  }

  @Test
  void takesScalarsExactlyAsWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        """
        cluster: 2024.10
        nodes: [{id: 007, host: 10.0}]
        metastore: {type: jdbc, url: 'jdbc:h2:mem:x', user: true, password: 0123}
        services: [{name: s, command: [x, 1.50, 'null', '~'], env: {N: 0x1F}}]
        """);

    SfcConfig c = ConfigLoader.load(file, Map.of());

    assertThat(c.cluster()).isEqualTo("2024.10");
    assertThat(c.nodes()).containsExactly(new NodeSpec("007", "10.0"));
    assertThat(c.metastore()).isEqualTo(MetastoreConfig.jdbc("jdbc:h2:mem:x", "true", "0123"));
    assertThat(c.services().get(0).command()).containsExactly("x", "1.50", "null", "~");
    assertThat(c.services().get(0).env()).containsEntry("N", "0x1F");
  }

  @Test
  void bindsPlacementNodesAndCandidacy(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        """
        cluster: c
        nodes: [{id: a, host: h}, {id: b, host: h, candidate: true}, {id: w, host: h, candidate: false}]
        metastore: {type: h2, path: /tmp/m}
        services: [{name: s, command: [x], nodes: [b, a]}, {name: t, command: [y]}]
        """);

    SfcConfig c = ConfigLoader.load(file, Map.of());

    assertThat(c.nodes())
        .containsExactly(
            new NodeSpec("a", "h", true),
            new NodeSpec("b", "h", true),
            new NodeSpec("w", "h", false));
    assertThat(c.services().get(0).nodes()).containsExactly("b", "a");
    assertThat(c.services().get(1).nodes()).isEmpty();
    assertThat(c.services().get(1).allows("w")).isTrue();
  }

  @Test
  void stateFilesResolveAgainstTheWorkingDirAndTheIntervalDefaultsTo30s(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        """
        cluster: c
        nodes: [{id: a, host: h}]
        metastore: {type: h2, path: /tmp/m}
        services:
          - {name: s, command: [x], working_dir: /opt/s, state_files: [state.db, /var/lib/s/x]}
          - {name: t, command: [x], state_files: [/var/lib/t], state_interval: 5s}
          - {name: u, command: [x]}
        """);

    List<ServiceSpec> services = ConfigLoader.load(file, Map.of()).services();

    assertThat(services.get(0).state())
        .isEqualTo(
            new StateFiles(
                List.of(
                    new StateFiles.File("state.db", Path.of("/opt/s/state.db")),
                    new StateFiles.File("/var/lib/s/x", Path.of("/var/lib/s/x"))),
                Duration.ofSeconds(30)));
    assertThat(services.get(1).state().interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(services.get(2).state()).isEqualTo(StateFiles.NONE);
  }

  @Test
  void theCeleryBeatPresetCarriesItsScheduleStoreUnlessStateFilesSaysOtherwise(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sfc.yaml");
    Files.writeString(
        file,
        """
        cluster: c
        nodes: [{id: a, host: h}]
        metastore: {type: h2, path: /tmp/m}
        services:
          - {name: b, preset: celery-beat, celery_app: proj, working_dir: /opt/b}
          - {name: c, preset: celery-beat, celery_app: proj, beat_schedule: /var/lib/c/s}
          - {name: d, preset: celery-beat, celery_app: proj, state_files: []}
        """);

    List<ServiceSpec> services = ConfigLoader.load(file, Map.of()).services();

    assertThat(services.get(0).state().files())
        .extracting(StateFiles.File::path)
        .containsExactly(
            Path.of("/opt/b/celerybeat-schedule"),
            Path.of("/opt/b/celerybeat-schedule.db"),
            Path.of("/opt/b/celerybeat-schedule.dat"),
            Path.of("/opt/b/celerybeat-schedule.dir"),
            Path.of("/opt/b/celerybeat-schedule.bak"));
    assertThat(services.get(1).state().files())
        .extracting(StateFiles.File::name)
        .containsExactly(
            "/var/lib/c/s",
            "/var/lib/c/s.db",
            "/var/lib/c/s.dat",
            "/var/lib/c/s.dir",
            "/var/lib/c/s.bak");
    assertThat(services.get(2).state().any()).isFalse();
  }

  @Test
  void withNodeSelectsAConfiguredNode() throws ConfigException {
    SfcConfig c = ConfigLoader.load(VALID.resolve("minimal.yaml"), Map.of());

    assertThat(c.withNode("master-2").self()).isEqualTo(new NodeSpec("master-2", "10.0.0.2"));
    assertThatThrownBy(c::self)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pass --node");
  }

  @Test
  void withNodeRejectsAnUnknownNode() throws ConfigException {
    Path file = VALID.resolve("minimal.yaml");
    SfcConfig c = ConfigLoader.load(file, Map.of());

    assertThatThrownBy(() -> c.withNode("master-9"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ": node: 'master-9' is not one of the configured nodes (master-1, master-2);"
                + " pass --node with one of these ids, or add the node under nodes:");
  }

  @Test
  void substitutesEnvironmentVariables() throws ConfigException {
    Map<String, String> env =
        Map.of(
            "CLUSTER", "airflow-test",
            "MASTER1_HOST", "10.1.1.1",
            "SFC_DB_PASSWORD", "pw$1",
            "GREETING", "hi",
            "EMPTY_VAR", "");

    SfcConfig c = ConfigLoader.load(VALID.resolve("env.yaml"), env);

    assertThat(c.cluster()).isEqualTo("airflow-test");
    assertThat(c.node()).isEqualTo("master-1");
    assertThat(c.nodes()).containsExactly(new NodeSpec("master-1", "10.1.1.1"));
    assertThat(c.metastore())
        .isEqualTo(MetastoreConfig.jdbc("jdbc:mariadb://localhost:3306/sfc", "sfc", "pw$1"));
    assertThat(c.timings().leaseTtl()).isEqualTo(Duration.ofSeconds(12));
    ServiceSpec s = c.services().get(0);
    assertThat(s.command()).containsExactly("sh", "-c", "echo $HOME costs $5 and hi");
    assertThat(s.env())
        .containsEntry("PRICE", "$5")
        .containsEntry("EMPTY_DEFAULT", "fallback")
        .containsEntry("LONE_DOLLAR", "a$b");
    assertThat(s.restart().maxRestarts()).isEqualTo(3);
  }

  @Test
  void environmentValuesOverrideDefaults() throws ConfigException {
    Map<String, String> env =
        Map.of(
            "CLUSTER", "c",
            "MASTER1_HOST", "h",
            "SFC_DB_PASSWORD", "p",
            "GREETING", "g",
            "DB_HOST", "db.example.com",
            "LEASE_TTL", "30s",
            "MAX_RESTARTS", "7");

    SfcConfig c = ConfigLoader.load(VALID.resolve("env.yaml"), env);

    assertThat(c.metastore().jdbcUrl()).isEqualTo("jdbc:mariadb://db.example.com:3306/sfc");
    assertThat(c.timings().leaseTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.services().get(0).restart().maxRestarts()).isEqualTo(7);
  }

  @Test
  void metastoreToStringHidesThePassword() {
    assertThat(MetastoreConfig.jdbc("jdbc:h2:mem:x", "sa", "s3cret").toString())
        .contains("jdbc:h2:mem:x")
        .doesNotContain("s3cret");
  }

  @Test
  void theShippedExampleLoads() throws ConfigException {
    SfcConfig c = ConfigLoader.load(Path.of("../examples/sfc.yaml"), Map.of());

    assertThat(c.self().id()).isEqualTo("master-1");
    assertThat(c.timings()).isEqualTo(Timings.DEFAULTS);
    assertThat(c.services()).extracting(ServiceSpec::name).containsExactly("scheduler");
  }

  @Test
  void configsAreImmutable() throws ConfigException {
    SfcConfig c = ConfigLoader.load(VALID.resolve("full.yaml"), Map.of());

    assertThatThrownBy(() -> c.services().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.services().get(0).env().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void loadsFromAFileWrittenAtRunTime(@TempDir Path dir) throws IOException, ConfigException {
    Path file = dir.resolve("sfc.yaml");
    Files.copy(VALID.resolve("full.yaml"), file);

    assertThat(ConfigLoader.load(file).cluster()).isEqualTo("airflow-prod");
  }
}
