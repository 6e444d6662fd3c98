package io.sfc.cli;

import io.sfc.airflow.AirflowCfg;
import io.sfc.airflow.AirflowImport;
import io.sfc.airflow.LocalNames;
import io.sfc.config.ConfigException;
import io.sfc.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc init --from-airflow-cfg}: writes the sfc.yaml equivalent of an airflow.cfg. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the sfc.yaml equivalent of an airflow.cfg [scheduler_failover] section.",
      "",
      "Each value carries a comment naming the airflow.cfg setting it came from; settings",
      "without a safe equivalent are explained in notes."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc init --from-airflow-cfg $AIRFLOW_HOME/airflow.cfg --node master-1 -o /etc/sfc/sfc.yaml"
    })
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--from-airflow-cfg", required = true, paramLabel = "FILE")
  Path airflowCfg;

  @Option(names = "--node", paramLabel = "ID", description = "This machine's node id.")
  String node;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      defaultValue = "sfc.yaml",
      description = "Where to write (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--force", description = "Overwrite an existing output file.")
  boolean force;

  @Override
  public Integer call() throws ConfigException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (Files.exists(output) && !force) {
      throw new ConfigException(output + ": exists; pass --force to overwrite it");
    }
    Map<String, String> env = System.getenv();
    AirflowImport.Result r = convert(env);
    ConfigLoader.parse(r.yaml(), output.toAbsolutePath(), env);
    Files.writeString(output, r.yaml());
    out.println("wrote " + output);
    r.notes().forEach(n -> out.println("note: " + n));
    out.flush();
    return ExitCodes.OK;
  }

  private AirflowImport.Result convert(Map<String, String> env) throws ConfigException {
    try {
      return AirflowImport.convert(AirflowCfg.read(airflowCfg, env), node, LocalNames.of());
    } catch (IOException e) {
      throw new ConfigException(airflowCfg + ": cannot read (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
