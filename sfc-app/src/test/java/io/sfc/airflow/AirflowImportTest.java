package io.sfc.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.Timings;
import io.sfc.metastore.config.MetastoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The original controller's settings, converted and loaded by sfc's own config loader. */
class AirflowImportTest {
  static final String ORIGINAL =
      String.join(
          "\n",
          "[core]",
          "sql_alchemy_conn = mysql+pymysql://airflow:pa$$word@db.internal:3306/airflow",
          "[scheduler_failover]",
          "scheduler_nodes_in_cluster = 10.0.0.141,10.0.0.142",
          "metadata_service_type = SQLMetadataService",
          "poll_frequency = 10",
          "airflow_scheduler_start_command = export AIRFLOW_HOME=~/airflow;;nohup airflow"
              + " scheduler >> ~/airflow/logs/scheduler.logs &",
          "airflow_scheduler_stop_command = for pid in `ps -ef | grep airflow` ; do kill -9 $pid;"
              + " done",
          "logging_level = INFO",
          "logging_dir = ~/airflow/logs/scheduler_failover/",
          "retry_count_before_alerting = 5",
          "alert_to_email = ops@example.com, dba@example.com",
          "alert_email_subject = Airflow Alert - Scheduler Failover",
          "[smtp]",
          "smtp_host = mail.internal",
          "smtp_starttls = False",
          "smtp_ssl = True",
          "smtp_port = 465",
          "smtp_user = airflow",
          "smtp_password = mailpw",
          "smtp_mail_from = airflow@internal",
          "");

  static AirflowCfg cfg(String text) {
    return AirflowCfg.parse(text, Path.of("/etc/airflow/airflow.cfg"), Map.of("HOME", "/home/af"));
  }

  static SfcConfig load(AirflowImport.Result r) throws Exception {
    return ConfigLoader.parse(r.yaml(), Path.of("/etc/airflow/airflow.cfg"), Map.of());
  }

  @Test
  void theOriginalsSettingsBecomeAValidSfcConfig() throws Exception {
    AirflowImport.Result r = AirflowImport.convert(cfg(ORIGINAL), null, Set.of("10.0.0.142"));
    SfcConfig c = load(r);
    assertThat(c.node()).isEqualTo("10.0.0.142");
    assertThat(c.nodes()).extracting(n -> n.id()).containsExactly("10.0.0.141", "10.0.0.142");
    assertThat(c.metastore().jdbcUrl()).isEqualTo("jdbc:mariadb://db.internal:3306/airflow");
    assertThat(c.metastore().user()).isEqualTo("airflow");
    assertThat(c.metastore().password()).isEqualTo("pa$$word");
    assertThat(c.services().get(0).command())
        .containsExactly(
            "/bin/bash",
            "-c",
            "export AIRFLOW_HOME=~/airflow;airflow scheduler >> ~/airflow/logs/scheduler.logs");
  }

  @Test
  void alertSettingsAndAirflowsSmtpSectionBecomeTheEmailSink() throws Exception {
    SfcConfig c = load(AirflowImport.convert(cfg(ORIGINAL), "10.0.0.141", Set.of()));
    String yaml = AirflowImport.convert(cfg(ORIGINAL), "10.0.0.141", Set.of()).yaml();
    assertThat(c).isNotNull();
    assertThat(yaml)
        .contains("host: \"mail.internal\"")
        .contains("port: \"465\"")
        .contains("security: tls")
        .contains("to: \"ops@example.com, dba@example.com\"")
        .contains("subject_prefix: \"Airflow Alert - Scheduler Failover\"")
        .contains("retry_count_before_alerting: \"5\"");
  }

  @Test
  void everyValueNamesItsOrigin() {
    String yaml = AirflowImport.convert(cfg(ORIGINAL), "10.0.0.141", Set.of()).yaml();
    assertThat(yaml)
        .contains("[scheduler_failover] scheduler_nodes_in_cluster in /etc/airflow/airflow.cfg")
        .contains("[core] sql_alchemy_conn in /etc/airflow/airflow.cfg")
        .contains("# was: export AIRFLOW_HOME");
  }

  @Test
  void settingsWithoutASafeEquivalentAreExplained() {
    List<String> notes = AirflowImport.convert(cfg(ORIGINAL), "10.0.0.141", Set.of()).notes();
    assertThat(notes)
        .anyMatch(n -> n.startsWith("poll_frequency = 10"))
        .anyMatch(n -> n.startsWith("airflow_scheduler_stop_command: not needed"))
        .anyMatch(n -> n.startsWith("airflow_scheduler_start_command: runs in the foreground"))
        .anyMatch(n -> n.startsWith("logging_level = INFO: set SFC_LOG_LEVEL=INFO"))
        .anyMatch(n -> n.startsWith("alert_email_subject: becomes the subject prefix"));
  }

  @Test
  void theOrderOfTheSchedulerNodesIsExplainedAsNoPreferredNodeYet() {
    List<String> notes = AirflowImport.convert(cfg(ORIGINAL), "10.0.0.141", Set.of()).notes();
    assertThat(notes)
        .anyMatch(
            n ->
                n.startsWith(
                        "scheduler_nodes_in_cluster = 10.0.0.141,10.0.0.142: the original"
                            + " controller made its first entry (10.0.0.141) the default leader;"
                            + " sfc has no preferred node yet")
                    && n.contains("candidate: false"));
    assertThat(AirflowImport.convert(cfg(NO_SMTP), "localhost", Set.of()).notes())
        .noneMatch(n -> n.startsWith("scheduler_nodes_in_cluster"));
  }

  static final String NO_SMTP =
      "[core]\nsql_alchemy_conn = mysql://af:pw@db/airflow\n[scheduler_failover]\n"
          + "alert_to_email = ops@example.com\n";

  @Test
  void anEmailBackendSfcCannotUseLeavesTheSinkCommentedOutAndSaysSo() throws Exception {
    String text =
        NO_SMTP + "[email]\nemail_backend = airflow.providers.sendgrid.utils.emailer.send_email\n";
    AirflowImport.Result r = AirflowImport.convert(cfg(text), "localhost", Set.of());
    assertThat(load(r).alerts().email()).as(r.yaml()).isNull();
    assertThat(r.yaml())
        .contains("# email: not written: [email] email_backend = airflow.providers.sendgrid")
        .doesNotContain("\n  email:");
    assertThat(r.notes())
        .anyMatch(
            n ->
                n.startsWith(
                    "[email] email_backend = airflow.providers.sendgrid.utils.emailer.send_email:"
                        + " sfc sends e-mail only over SMTP"));
  }

  @Test
  void noSmtpSectionGivesAirflowsDefaultsWithANote() throws Exception {
    for (String text :
        List.of(
            NO_SMTP, NO_SMTP + "[email]\nemail_backend = airflow.utils.email.send_email_smtp\n")) {
      AirflowImport.Result r = AirflowImport.convert(cfg(text), "localhost", Set.of());
      assertThat(load(r).alerts().email().host()).as(r.yaml()).isEqualTo("localhost");
      assertThat(load(r).alerts().email().port()).isEqualTo(25);
      assertThat(r.yaml()).contains("# no [smtp] section: Airflow's defaults");
      assertThat(r.notes())
          .anyMatch(
              n ->
                  n.startsWith("[smtp]: not in /etc/airflow/airflow.cfg") && n.contains("port 25"));
    }
    assertThat(AirflowImport.convert(cfg(ORIGINAL), "10.0.0.141", Set.of()).notes())
        .noneMatch(n -> n.startsWith("[smtp]") || n.startsWith("[email]"));
  }

  @Test
  void airflowsFromEmailIsTheSenderAndConnectionsAndTemplatesAreExplained() throws Exception {
    String text =
        NO_SMTP
            + "[email]\nfrom_email = Airflow <af@internal>\nemail_conn_id = smtp_prod\n"
            + "subject_template = /etc/af/subject.j2\n[smtp]\nsmtp_host = mail.internal\n"
            + "smtp_mail_from = old@internal\n";
    AirflowImport.Result r = AirflowImport.convert(cfg(text), "localhost", Set.of());
    assertThat(r.yaml()).contains("from: \"Airflow <af@internal>\"");
    assertThat(r.notes())
        .anyMatch(n -> n.startsWith("[email] email_conn_id = smtp_prod: sfc cannot read"))
        .anyMatch(n -> n.startsWith("[email] subject_template: not used"))
        .noneMatch(n -> n.startsWith("[smtp]"));
  }

  @Test
  void everyKeyOfTheSectionIsReadOrNamedInANote() {
    String text = NO_SMTP + "logging_file_name = failover.log\nscheduler_failover_sleep = 5\n";
    List<String> notes = AirflowImport.convert(cfg(text), "localhost", Set.of()).notes();
    assertThat(notes)
        .anyMatch(n -> n.startsWith("logging_file_name = failover.log: sfc logs to stderr"))
        .anyMatch(
            n ->
                n.startsWith("scheduler_failover_sleep ([scheduler_failover] in")
                    && n.endsWith("ignored"));
  }

  @Test
  void aMachineNotInTheListMustBeNamed() {
    AirflowImport.Result r = AirflowImport.convert(cfg(ORIGINAL), null, Set.of("elsewhere"));
    assertThat(r.yaml()).doesNotContain("\nnode:");
    assertThat(r.notes()).anyMatch(n -> n.contains("pass --node"));
  }

  @Test
  void airflow2DatabaseSectionWinsAndDefaultsApply() throws Exception {
    String text = "[database]\nsql_alchemy_conn = postgresql://af:pw@pg/airflow\n";
    SfcConfig c = load(AirflowImport.convert(cfg(text), null, Set.of("localhost")));
    assertThat(c.node()).isEqualTo("localhost");
    assertThat(c.metastore().jdbcUrl()).isEqualTo("jdbc:postgresql://pg:5432/airflow");
    assertThat(c.services().get(0).command()).containsExactly("airflow", "scheduler");
    assertThat(c.services().get(0).env())
        .containsEntry("AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK", "True");
    assertThat(c.healthOf("scheduler"))
        .extracting(h -> h.type().toString())
        .containsExactly("http");
  }

  @Test
  void theStandardStartCommandBecomesThePreset() throws Exception {
    String text =
        "[core]\nsql_alchemy_conn = mysql://af:pw@db/airflow\n[scheduler_failover]\n"
            + "airflow_scheduler_start_command = nohup airflow scheduler &\n";
    AirflowImport.Result r = AirflowImport.convert(cfg(text), "localhost", Set.of());
    SfcConfig c = load(r);
    assertThat(r.yaml()).contains("preset: airflow-scheduler").doesNotContain("/bin/bash");
    assertThat(c.services().get(0).command()).containsExactly("airflow", "scheduler");
    assertThat(c.healthOf("scheduler"))
        .extracting(h -> h.type().toString())
        .containsExactly("process");
    assertThat(r.notes()).anyMatch(n -> n.contains("older than Airflow 2.3"));
  }

  @Test
  void plannedStopsGetTimeToFinishTheLoopAndDeadlineStopsKeepTheLeaseRule() throws Exception {
    String preset = "[core]\nsql_alchemy_conn = mysql://af:pw@db/airflow\n";
    String own =
        preset
            + "[scheduler_failover]\n"
            + "airflow_scheduler_start_command = source /etc/af.env && airflow scheduler\n";
    for (String text : List.of(preset, own)) {
      AirflowImport.Result r = AirflowImport.convert(cfg(text), "localhost", Set.of());
      ServiceSpec s = load(r).services().get(0);
      assertThat(s.stopTimeout()).as(r.yaml()).isEqualTo(AirflowImport.PLANNED_STOP);
      assertThat(s.deadlineStopTimeout()).isEqualTo(Timings.DEFAULTS.deadlineStopTimeout());
    }
  }

  @Test
  void zookeeperMetadataServiceMapsToTheZookeeperMetastore() throws Exception {
    String text =
        "[scheduler_failover]\nmetadata_service_type = ZookeeperMetadataService\n"
            + "metadata_service_zookeeper_nodes = zk1:2181,zk2:2181\n";
    SfcConfig c = load(AirflowImport.convert(cfg(text), "localhost", Set.of()));
    assertThat(c.metastore().kind()).isEqualTo(MetastoreConfig.Kind.ZOOKEEPER);
    assertThat(c.metastore().hosts()).isEqualTo("zk1:2181,zk2:2181");
    assertThat(c.metastore().root()).isEqualTo("/sfc");
  }

  @Test
  void missingDatabaseUrlAndUnknownServiceTypeAreClearErrors() {
    assertThatThrownBy(() -> AirflowImport.convert(cfg("[core]\n"), "x", Set.of()))
        .hasMessageContaining("no sql_alchemy_conn in [database] or [core]");
    assertThatThrownBy(
            () ->
                AirflowImport.convert(
                    cfg("[scheduler_failover]\nmetadata_service_type = Redis\n"), "x", Set.of()))
        .hasMessageContaining("metadata_service_type = Redis: unknown");
    assertThatThrownBy(
            () ->
                AirflowImport.convert(
                    cfg("[core]\nsql_alchemy_conn = sqlite:///a.db\n"), "x", Set.of()))
        .hasMessageContaining("[core] sql_alchemy_conn in")
        .hasMessageContaining("SQLite");
  }

  @Test
  void foregroundRemovesOnlyBackgrounding() {
    assertThat(AirflowImport.foreground("nohup airflow scheduler &"))
        .isEqualTo("airflow scheduler");
    assertThat(AirflowImport.foreground("a && b")).isEqualTo("a && b");
    assertThat(AirflowImport.foreground("airflow scheduler")).isEqualTo("airflow scheduler");
  }
}
