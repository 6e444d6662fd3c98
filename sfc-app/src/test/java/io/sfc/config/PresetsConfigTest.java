package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.Timings;
import io.sfc.health.HealthChecks;
import io.sfc.health.HttpCheck;
import io.sfc.health.ProcessCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** services[i].preset: the values each preset supplies, and explicit keys overriding them. */
class PresetsConfigTest {

  private static SfcConfig parse(String services) throws ConfigException {
    return OneNodeConfig.parse(services);
  }

  @Test
  void airflowSchedulerRunsInTheForegroundWithTheHealthServerEnabled() throws Exception {
    SfcConfig c = parse("services: [{name: scheduler, preset: airflow-scheduler}]\n");
    ServiceSpec s = c.services().get(0);

    assertThat(s.command()).containsExactly("airflow", "scheduler");
    assertThat(s.stopSignal()).isEqualTo("TERM");
    assertThat(s.env()).containsEntry("AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK", "True");
    assertThat(s.stopTimeout()).as("planned: time to finish the loop").isEqualTo(Presets.MAX_STOP);
    assertThat(s.deadlineStopTimeout()).isEqualTo(Duration.ofSeconds(2));
    List<HealthConfig> health = c.healthOf("scheduler");
    assertThat(health).hasSize(1);
    assertThat(health.get(0).type()).isEqualTo(HealthType.HTTP);
    assertThat(health.get(0).spec().startGrace()).isEqualTo(Duration.ofMinutes(2));
    assertThat(HealthChecks.of(health.get(0).settings())).isInstanceOf(HttpCheck.class);
  }

  @Test
  void presetDeadlineStopTimeoutGrowsWithTheLeaseButKeepsTheTimingRule() throws Exception {
    SfcConfig c =
        parse(
            """
            timings: {lease_ttl: 30s, renew_deadline: 15s, safety_margin: 2s}
            services: [{name: scheduler, preset: airflow-scheduler}]
            """);

    Duration stop = c.services().get(0).deadlineStopTimeout();
    assertThat(stop).isEqualTo(Duration.ofSeconds(12));
    assertThat(c.timings().violations(stop, "deadline_stop_timeout")).isEmpty();
    assertThat(c.services().get(0).stopTimeout()).isEqualTo(Presets.MAX_STOP);
  }

  @Test
  void presetDeadlineStopTimeoutIsCappedAndNeverBelowTheDefault() {
    Timings wide =
        new Timings(
            Duration.ofMinutes(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1));
    assertThat(Presets.deadlineStopTimeout(wide, Duration.ofSeconds(2)))
        .isEqualTo(Presets.MAX_STOP);
    assertThat(Presets.deadlineStopTimeout(Timings.DEFAULTS, Duration.ofMillis(2500)))
        .isEqualTo(Duration.ofMillis(2500));
    assertThat(Presets.deadlineStopTimeout(null, Duration.ofSeconds(2)))
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void explicitKeysOverrideThePreset() throws Exception {
    SfcConfig c =
        parse(
            """
            services:
              - name: scheduler
                preset: airflow-scheduler
                command: [/opt/airflow/bin/airflow, scheduler, --pid, '']
                stop_signal: INT
                stop_timeout: 1s
                env: {AIRFLOW_HOME: /opt/airflow, AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK: 'False'}
                health: [{type: process}]
            """);
    ServiceSpec s = c.services().get(0);

    assertThat(s.command()).containsExactly("/opt/airflow/bin/airflow", "scheduler", "--pid", "");
    assertThat(s.stopSignal()).isEqualTo("INT");
    assertThat(s.stopTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.deadlineStopTimeout()).as("one stop timeout for both").isEqualTo(s.stopTimeout());
    assertThat(s.env())
        .containsEntry("AIRFLOW_HOME", "/opt/airflow")
        .containsEntry("AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK", "False");
    assertThat(c.healthOf("scheduler"))
        .extracting(h -> h.type().toString())
        .containsExactly("process");
  }

  @Test
  void celeryBeatWritesNoPidfileAndChecksTheProcess() throws Exception {
    SfcConfig c =
        parse(
            """
            services:
              - {name: beat, preset: celery-beat, celery_app: proj.celery}
              - name: beat2
                preset: celery-beat
                celery_app: other
                beat_schedule: /var/lib/beat/schedule
                working_dir: /srv/app
            """);

    assertThat(c.services().get(0).command())
        .containsExactly(
            "sh",
            "-c",
            BeatLauncher.SCRIPT,
            "sfc-celery-beat",
            "celerybeat-schedule",
            "celery",
            "-A",
            "proj.celery",
            "beat",
            "--pidfile=",
            "--schedule=celerybeat-schedule");
    assertThat(c.services().get(1).command())
        .endsWith(
            "/var/lib/beat/schedule",
            "celery",
            "-A",
            "other",
            "beat",
            "--pidfile=",
            "--schedule=/var/lib/beat/schedule");
    assertThat(c.services().get(1).workingDir()).isEqualTo(Path.of("/srv/app"));
    assertThat(c.healthOf("beat")).hasSize(1);
    assertThat(HealthChecks.of(c.healthOf("beat").get(0).settings()))
        .isInstanceOf(ProcessCheck.class);
  }

  @Test
  void aKeyOfAnotherPresetIsRejectedNamingItsPreset() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> parse("services: [{name: s, preset: airflow-scheduler, celery_app: proj}]\n"));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.getMessage())
        .contains("services[0].celery_app: is used only with preset: celery-beat");
  }

  @Test
  void aBadPresetDoesNotAlsoReportTheMissingCommand() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                parse("services: [{name: s, preset: airflow}, {name: t, preset: celery-beat}]\n"));

    assertThat(e.problems()).hasSize(2);
    assertThat(e.getMessage())
        .contains("services[0].preset:")
        .contains("services[1].celery_app: missing");
  }
}
