package io.sfc.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AirflowCfgTest {
  static final String TEXT =
      String.join(
          "\n",
          "# a comment",
          "[DEFAULT]",
          "home = /srv/airflow",
          "[core]",
          "dags_folder = %(home)s/dags",
          "Sql_Alchemy_Conn: mysql://a:b@db/airflow",
          "pct = 100%%",
          "[scheduler_failover]",
          "scheduler_nodes_in_cluster = m1,",
          "    m2",
          "; another comment",
          "airflow_scheduler_start_command = export AIRFLOW_HOME=~/airflow;nohup airflow scheduler &",
          "logging_dir = ${LOGS}/sfc",
          "");

  final AirflowCfg cfg =
      AirflowCfg.parse(TEXT, Path.of("/etc/airflow.cfg"), Map.of("HOME", "/home/af", "LOGS", "/l"));

  @Test
  void readsKeysCaseInsensitivelyWithEitherSeparator() {
    assertThat(cfg.get("core", "sql_alchemy_conn")).contains("mysql://a:b@db/airflow");
  }

  @Test
  void interpolatesFromTheDefaultSectionAndUnescapesPercent() {
    assertThat(cfg.get("core", "dags_folder")).contains("/srv/airflow/dags");
    assertThat(cfg.get("core", "pct")).contains("100%");
  }

  @Test
  void joinsContinuationLines() {
    assertThat(cfg.get("scheduler_failover", "scheduler_nodes_in_cluster")).contains("m1,\nm2");
  }

  @Test
  void expandsEnvironmentVariablesAndLeavesUnknownOnesAlone() {
    assertThat(cfg.get("scheduler_failover", "logging_dir")).contains("/l/sfc");
    AirflowCfg other = AirflowCfg.parse("[a]\nk = $NOPE/x\n", Path.of("x"), Map.of());
    assertThat(other.get("a", "k")).contains("$NOPE/x");
  }

  @Test
  void environmentOverridesTheFileAndSaysSo() {
    AirflowCfg env =
        AirflowCfg.parse(
            TEXT,
            Path.of("/etc/airflow.cfg"),
            Map.of("AIRFLOW__CORE__SQL_ALCHEMY_CONN", "postgresql://p@h/d"));
    assertThat(env.get("core", "sql_alchemy_conn")).contains("postgresql://p@h/d");
    assertThat(env.origin("core", "sql_alchemy_conn"))
        .contains("environment AIRFLOW__CORE__SQL_ALCHEMY_CONN");
    assertThat(cfg.origin("core", "sql_alchemy_conn"))
        .contains("[core] sql_alchemy_conn in /etc/airflow.cfg");
  }

  @Test
  void missingKeysAreEmpty() {
    assertThat(cfg.get("core", "nope")).isEmpty();
    assertThat(cfg.get("nosection", "k")).isEmpty();
    assertThat(cfg.origin("core", "nope")).isEmpty();
  }
}
