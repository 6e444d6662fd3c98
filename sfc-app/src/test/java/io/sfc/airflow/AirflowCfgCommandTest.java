package io.sfc.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The _cmd and _secret variants of Airflow's sensitive options, with real commands. */
class AirflowCfgCommandTest {
  static final Path SRC = Path.of("/etc/airflow/airflow.cfg");

  static AirflowCfg cfg(String text, Map<String, String> env) {
    return AirflowCfg.parse(text, SRC, env);
  }

  @Test
  void environmentCmdRunsTheCommandAndTrimsItsOutput() {
    AirflowCfg c =
        cfg(
            "[database]\nsql_alchemy_conn = mysql://file@db/x\n",
            Map.of(
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD",
                "printf '  postgresql://cmd@pg/af\\n\\n'"));

    assertThat(c.get("database", "sql_alchemy_conn")).contains("postgresql://cmd@pg/af");
    assertThat(c.origin("database", "sql_alchemy_conn"))
        .contains("environment AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD");
    assertThat(c.fromCommand("database", "sql_alchemy_conn")).isTrue();
  }

  @Test
  void thePlainEnvironmentVariableWinsOverItsCmdVariant() {
    AirflowCfg c =
        cfg(
            "",
            Map.of(
                "AIRFLOW__CELERY__BROKER_URL", "redis://plain:6379/0",
                "AIRFLOW__CELERY__BROKER_URL_CMD", "false"));

    assertThat(c.get("celery", "broker_url")).contains("redis://plain:6379/0");
  }

  @Test
  void fileCmdOptionIsUsedWhenTheOptionItselfIsAbsent(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("conn");
    Files.writeString(secret, "mysql+pymysql://af:s3cret@db.internal/airflow\n");
    String text = "[core]\nsql_alchemy_conn_cmd = cat \"" + secret + "\"\n";

    AirflowCfg c = cfg(text, Map.of());

    assertThat(c.get("core", "sql_alchemy_conn"))
        .contains("mysql+pymysql://af:s3cret@db.internal/airflow");
    assertThat(c.origin("core", "sql_alchemy_conn"))
        .contains("[core] sql_alchemy_conn_cmd in " + SRC);
    AirflowImport.Result r = AirflowImport.convert(c, "localhost", Set.of());
    assertThat(r.notes()).anyMatch(n -> n.contains("sql_alchemy_conn_cmd"));
  }

  @Test
  void theFileValueWinsOverTheFileCmd() {
    AirflowCfg c =
        cfg("[core]\nsql_alchemy_conn = mysql://a@b/c\nsql_alchemy_conn_cmd = false\n", Map.of());
    assertThat(c.get("core", "sql_alchemy_conn")).contains("mysql://a@b/c");
  }

  @Test
  void cmdOfANonSensitiveOptionIsIgnoredAsAirflowDoes() {
    AirflowCfg c = cfg("", Map.of("AIRFLOW__SCHEDULER_FAILOVER__POLL_FREQUENCY_CMD", "echo 5"));
    assertThat(c.get("scheduler_failover", "poll_frequency")).isEmpty();
  }

  @Test
  void aFailingCommandIsAnErrorNamingTheOption() {
    AirflowCfg c =
        cfg("[celery]\nbroker_url_cmd = sh -c 'echo vault sealed >&2; exit 3'\n", Map.of());
    assertThatThrownBy(() -> c.get("celery", "broker_url"))
        .hasMessageContaining("[celery] broker_url_cmd in " + SRC)
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("vault sealed");
    AirflowCfg missing = cfg("[celery]\nbroker_url_cmd = /nonexistent/prog\n", Map.of());
    assertThatThrownBy(() -> missing.get("celery", "broker_url"))
        .hasMessageContaining("cannot run '/nonexistent/prog'");
  }

  @Test
  void secretVariantsAreRefusedWithAnExplanation() {
    AirflowCfg env =
        cfg("", Map.of("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_SECRET", "airflow/connections/db"));
    assertThatThrownBy(() -> env.get("database", "sql_alchemy_conn"))
        .hasMessageContaining("environment AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_SECRET")
        .hasMessageContaining("sfc cannot read")
        .hasMessageContaining("_cmd");
    AirflowCfg file = cfg("[database]\nsql_alchemy_conn_secret = db\n", Map.of());
    assertThatThrownBy(() -> AirflowImport.convert(file, "x", Set.of()))
        .hasMessageContaining("[database] sql_alchemy_conn_secret in " + SRC);
  }

  @Test
  void theCommandRunsOnceAndTheImportLoads() throws Exception {
    AirflowCfg c =
        cfg(
            "",
            Map.of(
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD",
                "echo postgresql://postgres@127.0.0.1/" + TestDatabase.NAME));
    SfcConfig loaded =
        ConfigLoader.parse(AirflowImport.convert(c, "localhost", Set.of()).yaml(), SRC, Map.of());
    assertThat(loaded.metastore().jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/" + TestDatabase.NAME);
  }

  @Test
  void splitsLikeShlex() {
    assertThat(CfgCommand.split("cat '/a b' \"c\\\"d\" e\\ f", "x"))
        .containsExactly("cat", "/a b", "c\"d", "e f");
    assertThatThrownBy(() -> CfgCommand.split("echo 'x", "w")).hasMessageContaining("unclosed '");
  }
}
