package io.sfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: help, exit codes, status output. */
class CliTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  Path config(String metastorePath) throws Exception {
    return Files.writeString(
        dir.resolve("sfc.yaml"),
        String.join(
            "\n",
            "cluster: cli-test",
            "node: n1",
            "nodes:",
            "  - {id: n1, host: 127.0.0.1}",
            "  - {id: n2, host: 127.0.0.1}",
            "metastore:",
            "  type: h2",
            "  path: " + metastorePath,
            "services:",
            "  - name: scheduler",
            "    command: [/bin/true]",
            ""));
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("start", "status", "demo")
        .contains("3  invalid or unreadable configuration", "4  metastore unreachable");
  }

  /** {@code sfc --help} shows only the first description line of each command: a whole sentence. */
  @Test
  void everyCommandSummaryInTheHelpIsAWholeSentence() {
    for (var e : Main.commandLine().getSubcommands().entrySet()) {
      String[] description = e.getValue().getCommandSpec().usageMessage().description();
      assertThat(description).as("description of %s", e.getKey()).isNotEmpty();
      assertThat(description[0]).as("first description line of %s", e.getKey()).endsWith(".");
    }
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(run("frobnicate")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void statusOnAFreshMetastoreShowsEveryNodeAndAVacantLease() throws Exception {
    Path cfg = config(dir.resolve("meta").toString());
    assertThat(run("status", "--config", cfg.toString())).isZero();
    assertThat(out.toString())
        .contains("SERVICE", "NODE", "ROLE", "EPOCH", "STATE", "REASON")
        .containsPattern("scheduler\\s+n1\\s+-")
        .containsPattern("scheduler\\s+n2\\s+-")
        .contains("lease scheduler: vacant");
  }

  @Test
  void badConfigExitsWithTheConfigCodeAndNamesTheKey() throws Exception {
    Path cfg = Files.writeString(dir.resolve("bad.yaml"), "cluster: x\nnodez: []\n");
    assertThat(run("status", "--config", cfg.toString())).isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString()).contains("bad.yaml").contains("nodez");
  }

  @Test
  void startWithABadConfigStartsNothing() throws Exception {
    Path cfg = Files.writeString(dir.resolve("bad.yaml"), "cluster: x\n");
    assertThat(run("start", "--config", cfg.toString())).isEqualTo(ExitCodes.CONFIG);
    assertThat(Files.exists(dir.resolve("logs"))).isFalse();
  }

  @Test
  void startWithAnUnknownNodeIsAConfigError() throws Exception {
    Path cfg = config(dir.resolve("meta").toString());
    assertThat(run("start", "--config", cfg.toString(), "--node", "n9"))
        .isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString()).contains("n9");
  }

  /** {@code start} refuses a local service that would only crash-loop with status 127. */
  @Test
  @Timeout(20) // without the check, start would run the daemon until stopped
  void startRefusesALocalServiceWhoseProgramIsNotOnThisNode() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("ghost.yaml"),
            String.join(
                "\n",
                "cluster: c",
                "node: n1",
                "nodes: [{id: n1, host: 127.0.0.1}]",
                "metastore: {type: h2, path: meta}",
                "services: [{name: ghost, command: [sfc-no-such-program, run]}]",
                ""));

    assertThat(run("start", "--config", cfg.toString())).isEqualTo(ExitCodes.CONFIG);

    assertThat(err.toString())
        .contains(
            "ghost.yaml: services[0].command: program 'sfc-no-such-program' of service ghost is"
                + " not found in PATH (")
        .contains("install it, or give its absolute path")
        .contains("or set working_dir:")
        .doesNotContain("\tat ");
    err.getBuffer().setLength(0);
    assertThat(run("status", "--config", cfg.toString())).isNotEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString()).doesNotContain("sfc-no-such-program");
  }

  @Test
  void statusWithAnUnreachableMetastoreExitsWithTheMetastoreCode() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("down.yaml"),
            String.join(
                "\n",
                "cluster: cli-test",
                "nodes: [{id: n1, host: 127.0.0.1}]",
                "metastore: {type: jdbc, url: 'jdbc:mariadb://127.0.0.1:1/x', user: u}",
                "services: [{name: s, command: [/bin/true]}]",
                ""));
    assertThat(run("status", "--config", cfg.toString())).isEqualTo(ExitCodes.METASTORE);
    assertThat(err.toString()).contains("metastore unreachable");
  }

  Path airflowCfg(String conn) throws Exception {
    return Files.writeString(
        dir.resolve("airflow.cfg"),
        String.join(
            "\n",
            "[database]",
            "sql_alchemy_conn = " + conn,
            "[scheduler_failover]",
            "scheduler_nodes_in_cluster = localhost,m2",
            "airflow_scheduler_start_command = nohup airflow scheduler &",
            ""));
  }

  @Test
  void initWritesALoadableConfigAndExplainsWhatChanged() throws Exception {
    Path cfg = airflowCfg("mysql+pymysql://root:@127.0.0.1:3306/" + TestDatabase.NAME);
    Path out = dir.resolve("sfc.yaml");
    assertThat(run("init", "--from-airflow-cfg", cfg.toString(), "-o", out.toString())).isZero();
    assertThat(this.out.toString()).contains("wrote " + out).contains("note: ");
    assertThat(Files.readString(out))
        .contains("jdbc:mariadb://127.0.0.1:3306/" + TestDatabase.NAME);
    assertThat(run("status", "--config", out.toString())).isZero();
  }

  @Test
  void initDoesNotOverwriteWithoutForce() throws Exception {
    Path cfg = airflowCfg("postgresql://postgres@127.0.0.1/" + TestDatabase.NAME);
    Path out = Files.writeString(dir.resolve("sfc.yaml"), "keep me");
    assertThat(run("init", "--from-airflow-cfg", cfg.toString(), "-o", out.toString()))
        .isEqualTo(ExitCodes.CONFIG);
    assertThat(Files.readString(out)).isEqualTo("keep me");
    assertThat(run("init", "--from-airflow-cfg", cfg.toString(), "-o", out.toString(), "--force"))
        .isZero();
  }

  @Test
  void statusReadsAirflowCfgDirectlyAgainstTheRealAirflowDatabase() throws Exception {
    Path cfg = airflowCfg("postgresql+psycopg2://postgres@127.0.0.1:5432/" + TestDatabase.NAME);
    assertThat(run("status", "--airflow-cfg", cfg.toString())).isZero();
    assertThat(out.toString())
        .containsPattern("scheduler\\s+localhost")
        .contains("lease scheduler");
  }

  @Test
  void anUnusableAirflowCfgIsAConfigError() throws Exception {
    Path cfg = airflowCfg("sqlite:////tmp/airflow.db");
    assertThat(run("start", "--airflow-cfg", cfg.toString())).isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString()).contains("airflow.cfg").contains("SQLite");
  }
}
