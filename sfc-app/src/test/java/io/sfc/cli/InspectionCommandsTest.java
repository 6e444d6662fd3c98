package io.sfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.core.port.Metastore;
import io.sfc.metastore.factory.Metastores;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** check-config, version, current-host, metadata, the default config file and -v, as run. */
class InspectionCommandsTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  final Level rootLevel = root.getLevel();
  List<Path> defaults;
  String stdin = "";

  @AfterEach
  void restoreLogLevel() {
    root.setLevel(rootLevel);
  }

  int run(String... args) {
    CommandLine cl =
        Main.commandLine(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            defaults != null ? defaults : ConfigOptions.DEFAULT_FILES);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  Path config() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path airflow = Files.writeString(bin.resolve("airflow"), "#!/bin/sh\nexec sleep 600\n");
    airflow.toFile().setExecutable(true);
    return Files.writeString(
        dir.resolve("sfc.yaml"),
        String.join(
            "\n",
            "cluster: ops",
            "node: n1",
            "nodes:",
            "  - {id: n1, host: 10.0.0.1}",
            "  - {id: n2, host: 10.0.0.2, api_port: 7481}",
            "metastore: {type: h2, path: meta}",
            "services:",
            "  - name: scheduler",
            "    command: [airflow, scheduler]",
            "    env: {PATH: '" + bin + ":/usr/bin:/bin'}  # a stand-in airflow",
            "    health: [{type: tcp, port: 8793}]",
            "api: {token: '0123456789abcdef0123'}",
            ""));
  }

  @Test
  void checkConfigSummarisesTheFile() throws Exception {
    Path cfg = config();

    assertThat(run("check-config", "--config", cfg.toString())).isZero();

    assertThat(out.toString())
        .startsWith("configuration OK: " + cfg + System.lineSeparator() + "cluster    ops")
        .containsPattern("metastore  jdbc:h2:\\S*meta")
        .doesNotContain("MetastoreConfig[")
        .contains("nodes      2: n1 (10.0.0.1), n2 (10.0.0.2)")
        .contains("lease_ttl 10s")
        .contains("service    scheduler: airflow scheduler (stop TERM")
        .contains("health: tcp")
        .contains("alerts     none")
        .contains("api        http://127.0.0.1:7480/; writes need the bearer token")
        .doesNotContain("0123456789abcdef");
  }

  @Test
  void checkConfigShowsPlacement() throws Exception {
    Path cfg = config();
    Files.writeString(
        cfg,
        Files.readString(cfg)
            .replace("api_port: 7481}", "api_port: 7481, candidate: false}")
            .replace(
                "command: [airflow, scheduler]\n",
                "command: [airflow, scheduler]\n    nodes: [n1]\n"));

    assertThat(run("check-config", "--config", cfg.toString())).isZero();

    assertThat(out.toString())
        .contains("nodes      2: n1 (10.0.0.1), n2 (10.0.0.2, candidate: false)")
        .contains("health: tcp 'tcp'; runs only on n1)");
  }

  /** A local service whose program this node does not have would only crash-loop (status 127). */
  @Test
  void checkConfigRefusesALocalServiceWhoseProgramIsNotOnThisNode() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("prog.yaml"),
            String.join(
                "\n",
                "cluster: ops",
                "node: n1",
                "nodes: [{id: n1, host: 127.0.0.1}]",
                "metastore: {type: h2, path: meta}",
                "services:",
                "  - {name: ghost, command: [sfc-no-such-program, run]}",
                "  - {name: sleeper, command: [sleep, '1']}",
                "  - {name: script, command: [./missing.sh], working_dir: " + dir + "}",
                ""));

    assertThat(run("check-config", "--config", cfg.toString())).isEqualTo(ExitCodes.CONFIG);

    assertThat(err.toString())
        .contains(
            "prog.yaml: services[0].command: program 'sfc-no-such-program' of service ghost is not"
                + " found in PATH (")
        .contains(
            "install it, or give its absolute path, e.g. command:"
                + " [/usr/local/bin/sfc-no-such-program, ...], or set working_dir:")
        .contains(
            "services[2].command: program './missing.sh' of service script is not an executable"
                + " file (relative to working_dir "
                + dir)
        .doesNotContain("service sleeper");
    assertThat(out.toString()).isEmpty();
  }

  /** A remote service's program is on its node's host, which check-config cannot see. */
  @Test
  void checkConfigOnlyWarnsAboutARemoteServicesProgram() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("remote.yaml"),
            String.join(
                "\n",
                "cluster: ops",
                "node: n1",
                "ssh: {user: airflow, key_file: /etc/sfc/id}",
                "nodes: [{id: n1, host: 127.0.0.1}]",
                "metastore: {type: h2, path: meta}",
                "services: [{name: ghost, command: [sfc-no-such-program], placement: remote}]",
                ""));

    assertThat(run("check-config", "--config", cfg.toString())).as(err.toString()).isZero();

    assertThat(out.toString())
        .contains("warning    program 'sfc-no-such-program' of service ghost is not found in PATH")
        .contains("(checked on this machine only; the service runs on its node's host)");
  }

  @Test
  void checkConfigExitsWith3OnABadFile() throws Exception {
    Path cfg = Files.writeString(dir.resolve("bad.yaml"), "cluster: x\napi: {port: 0}\n");

    assertThat(run("check-config", "--config", cfg.toString())).isEqualTo(ExitCodes.CONFIG);

    assertThat(err.toString()).contains("bad.yaml: api.port: '0' is not a TCP port");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void withoutConfigTheFirstDefaultFileThatExistsIsUsed() throws Exception {
    Path cfg = config();
    defaults = List.of(dir.resolve("missing.yaml"), cfg);

    assertThat(run("check-config")).isZero();
    assertThat(out.toString()).contains("configuration OK: " + cfg);
  }

  @Test
  void withoutConfigAndWithoutDefaultFilesItSaysWhereItLooked() {
    defaults = List.of(dir.resolve("a.yaml"), dir.resolve("b.yaml"));

    assertThat(run("check-config")).isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString())
        .contains("neither " + dir.resolve("a.yaml") + " nor " + dir.resolve("b.yaml"))
        .contains("pass --config FILE");
  }

  @Test
  void version() {
    assertThat(run("version")).isZero();
    assertThat(out.toString())
        .startsWith("sfc ")
        .contains("java " + System.getProperty("java.version"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-v", "-vv"})
  void verboseRaisesTheLogLevelBeforeOrAfterTheCommand(String flag) {
    Level expected = flag.equals("-v") ? Level.DEBUG : Level.TRACE;

    assertThat(run(flag, "version")).isZero();
    assertThat(root.getLevel()).isEqualTo(expected);
    root.setLevel(Level.WARN);
    assertThat(run("version", flag)).isZero();
    assertThat(root.getLevel()).isEqualTo(expected);
  }

  @Test
  void everyCommandsHelpShowsExamples() {
    for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
      String name = sub.getCommandName(); // the primary name; aliases show the same help
      if (name.equals("help") || sub.getCommandSpec().usageMessage().hidden()) {
        continue;
      }
      StringWriter help = new StringWriter();
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(help, true));
      assertThat(cl.execute(name, "--help")).as(name).isZero();
      assertThat(help.toString()).as(name).contains("Examples:").contains("  sfc " + name);
    }
  }

  @Test
  void currentHostAndMetadataReadTheMetastore() throws Exception {
    Path cfg = config();
    assertThat(run("current-host", "--config", cfg.toString())).isZero();
    assertThat(out.toString()).contains("scheduler: none (lease scheduler: vacant)");

    SfcConfig c = ConfigLoader.load(cfg, Map.of());
    try (Metastore ms = Metastores.open(c)) {
      ms.leases().tryAcquire("scheduler", "n2", Duration.ofSeconds(60)).orElseThrow();
      ms.directives().pause("scheduler", "tester");
      ms.events().record(Event.of("n2", "scheduler", 1, EventKind.ACQUIRED, "lease was free"));
    }
    out.getBuffer().setLength(0);

    assertThat(run("current-host", "--config", cfg.toString())).isZero();
    assertThat(out.toString())
        .containsPattern("scheduler: n2 on 10\\.0\\.0\\.2 \\(epoch 1, lease expires in \\d");

    out.getBuffer().setLength(0);
    assertThat(run("metadata", "--config", cfg.toString())).isZero();
    assertThat(out.toString())
        .contains("lease scheduler: held by n2, epoch 1")
        .contains("scheduler: paused by tester; no switchover requested")
        .contains("ACQUIRED epoch 1: lease was free");

    out.getBuffer().setLength(0);
    assertThat(run("metadata", "--json", "--config", cfg.toString())).isZero();
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertThat(j.at("/services/0/lease/holder").asText()).isEqualTo("n2");
    assertThat(j.at("/services/0/paused").asBoolean()).isTrue();
    assertThat(j.at("/events/0/kind").asText()).isEqualTo("ACQUIRED");
  }

  void seed(Path cfg, boolean held) throws Exception {
    SfcConfig c = ConfigLoader.load(cfg, Map.of());
    try (Metastore ms = Metastores.open(c)) {
      var lease = ms.leases().tryAcquire("scheduler", "n1", Duration.ofSeconds(60)).orElseThrow();
      if (!held) {
        ms.leases().release(lease);
      }
      ms.events().record(Event.of("n1", "scheduler", 1, EventKind.ACQUIRED, "lease was free"));
      ms.directives().pause("*", "tester");
      ms.members()
          .report(
              new MemberReport(
                  "n1", "scheduler", Role.STANDBY, 1, ServiceState.STOPPED, 0, "r", Duration.ZERO));
    }
  }

  @Test
  void clearMetadataAsksFirstAndDeletesTheHistory() throws Exception {
    Path cfg = config();
    seed(cfg, false);
    stdin = "no\n";

    assertThat(run("clear-metadata", "--config", cfg.toString())).isEqualTo(ExitCodes.FAILURE);
    assertThat(out.toString()).contains("Type 'yes' to continue").contains("aborted");

    out.getBuffer().setLength(0);
    stdin = "yes\n";
    assertThat(run("clear-metadata", "--config", cfg.toString())).isZero();
    assertThat(out.toString())
        .contains("cleared cluster ops")
        .contains("1 event(s), 1 member report(s), 1 directive(s), 1 free lease(s)");

    out.getBuffer().setLength(0);
    assertThat(run("metadata", "--config", cfg.toString())).isZero();
    assertThat(out.toString())
        .contains("lease scheduler: vacant")
        .contains("scheduler: not paused")
        .doesNotContain("ACQUIRED");
  }

  @Test
  void clearMetadataRefusesWhileALeaseIsHeldUnlessForced() throws Exception {
    Path cfg = config();
    seed(cfg, true);

    assertThat(run("clear-metadata", "--yes", "--config", cfg.toString()))
        .isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString())
        .contains("refusing: lease scheduler: held by n1, epoch 1")
        .contains("pass --force");

    assertThat(run("clear-metadata", "--yes", "--force", "--config", cfg.toString())).isZero();
    assertThat(out.toString()).contains("1 event(s), 1 member report(s), 1 directive(s), 0 free");
    out.getBuffer().setLength(0);
    assertThat(run("current-host", "--config", cfg.toString())).isZero();
    assertThat(out.toString()).contains("scheduler: n1 on 10.0.0.1 (epoch 1");
  }
}
