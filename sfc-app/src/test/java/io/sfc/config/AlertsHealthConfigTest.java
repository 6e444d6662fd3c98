package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.alert.RateLimitPolicy;
import io.sfc.alert.email.EmailSink;
import io.sfc.alert.sinks.AlertSinks;
import io.sfc.alert.sinks.AlertsConfig;
import io.sfc.core.model.HealthCheckSpec;
import io.sfc.core.port.AlertSink;
import io.sfc.health.AirflowHeartbeatCheck;
import io.sfc.health.CommandCheck;
import io.sfc.health.HealthChecks;
import io.sfc.health.HttpCheck;
import io.sfc.health.ProcessCheck;
import io.sfc.health.TcpCheck;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** services[i].health and alerts: as read from a file that uses every key. */
class AlertsHealthConfigTest {
  static final Path FILE = Path.of("src/test/resources/config/valid/alerts-health.yaml");

  @Test
  void readsEveryHealthCheckType() throws Exception {
    SfcConfig c = ConfigLoader.load(FILE, Map.of());
    List<HealthConfig> checks = c.healthOf("scheduler");

    assertThat(checks)
        .extracting(h -> h.type().toString())
        .containsExactly("process", "http", "tcp", "command", "airflow-heartbeat");
    assertThat(checks.get(0).spec())
        .isEqualTo(
            new HealthCheckSpec(
                "process",
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                3,
                Duration.ofMinutes(1)));
    assertThat(checks.get(1).spec())
        .isEqualTo(
            new HealthCheckSpec(
                "scheduler-health",
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                3,
                Duration.ofMinutes(1)));
    assertThat(checks.get(3).spec().startGrace()).isZero();
    assertThat(HealthChecks.of(checks.get(0).settings())).isInstanceOf(ProcessCheck.class);
    assertThat(HealthChecks.of(checks.get(1).settings())).isInstanceOf(HttpCheck.class);
    assertThat(HealthChecks.of(checks.get(2).settings())).isInstanceOf(TcpCheck.class);
    assertThat(HealthChecks.of(checks.get(3).settings())).isInstanceOf(CommandCheck.class);
    assertThat(HealthChecks.of(checks.get(4).settings())).isInstanceOf(AirflowHeartbeatCheck.class);
  }

  @Test
  void readsEveryAlertSink() throws Exception {
    AlertsConfig a = ConfigLoader.load(FILE, Map.of()).alerts();

    assertThat(a.policy())
        .isEqualTo(
            new RateLimitPolicy.Settings(3, Duration.ofMinutes(15), Duration.ofMinutes(10), 2));
    assertThat(a.email())
        .isEqualTo(
            new EmailSink.Settings(
                "smtp.example.org",
                465,
                EmailSink.Security.TLS,
                "sfc",
                "secret",
                "sfc@example.org",
                List.of("ops@example.org", "oncall@example.org"),
                "[airflow]",
                Duration.ofSeconds(10)));
    assertThat(a.email().toString()).doesNotContain("secret");
    assertThat(a.webhook().url()).isEqualTo(URI.create("https://hooks.example.org/sfc"));
    assertThat(a.webhook().slack()).isTrue();
    assertThat(a.hooks())
        .containsOnlyKeys("on_failover", "on_role_change")
        .containsEntry("on_role_change", List.of("logger", "-t", "sfc"));
    assertThat(a.hookTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(AlertSinks.of(a))
        .extracting(AlertSink::name)
        .containsExactly(
            "email smtp.example.org:465",
            "webhook hooks.example.org",
            "command on_failover",
            "command on_role_change");
  }

  @Test
  void withoutTheSectionsThereAreNoChecksAndNoSinks() throws Exception {
    SfcConfig c =
        ConfigLoader.load(Path.of("src/test/resources/config/valid/minimal.yaml"), Map.of());
    assertThat(c.health()).isEmpty();
    assertThat(c.alerts().isEmpty()).isTrue();
    assertThat(c.alerts().policy()).isEqualTo(RateLimitPolicy.Settings.DEFAULTS);
  }
}
