package io.sfc.cli;

import io.sfc.airflow.AirflowCfg;
import io.sfc.airflow.AirflowImport;
import io.sfc.airflow.LocalNames;
import io.sfc.config.ConfigException;
import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a command's configuration comes from: an sfc YAML file, or the {@code [scheduler_failover]}
 * section of an {@code airflow.cfg}; plus {@code --node}.
 */
final class ConfigOptions {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(
      names = "--node",
      paramLabel = "ID",
      description = "This controller's node id (overrides 'node' in the file).")
  String node;

  static final class Source {
    @Option(
        names = {"-c", "--config"},
        required = true,
        paramLabel = "FILE",
        description = "The sfc YAML configuration file.")
    Path config;

    @Option(
        names = "--airflow-cfg",
        required = true,
        paramLabel = "FILE",
        description = "An airflow.cfg with a [scheduler_failover] section, converted on the fly.")
    Path airflowCfg;
  }

  /** The file the configuration was read from. */
  Path file() {
    return source.config != null ? source.config : source.airflowCfg;
  }

  /** Loads and validates the configuration; conversion notes go to {@code err}. */
  SfcConfig load(PrintWriter err) throws ConfigException {
    SfcConfig c = source.config != null ? ConfigLoader.load(source.config) : fromAirflow(err);
    return node == null ? c : c.withNode(node);
  }

  private SfcConfig fromAirflow(PrintWriter err) throws ConfigException {
    Map<String, String> env = System.getenv();
    AirflowImport.Result r;
    try {
      AirflowCfg cfg = AirflowCfg.read(source.airflowCfg, env);
      r = AirflowImport.convert(cfg, node, LocalNames.of());
    } catch (IOException e) {
      throw new ConfigException(source.airflowCfg + ": cannot read (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    r.notes().forEach(n -> err.println("airflow.cfg: " + n));
    return ConfigLoader.parse(r.yaml(), source.airflowCfg, env);
  }
}
