package io.sfc.cli;

import io.sfc.admin.MetastoreAdmin;
import io.sfc.airflow.AirflowCfg;
import io.sfc.airflow.AirflowImport;
import io.sfc.airflow.LocalNames;
import io.sfc.config.ConfigException;
import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.core.port.Metastore;
import io.sfc.metastore.factory.Metastores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a command's configuration comes from: an sfc YAML file, or the {@code [scheduler_failover]}
 * section of an {@code airflow.cfg}; plus {@code --node}. Without either option, the first of
 * {@code ./sfc.yaml} and {@code /etc/sfc/sfc.yaml} that exists.
 */
final class ConfigOptions {
  /** Where the configuration is looked for when neither option is given, in order. */
  static final List<Path> DEFAULT_FILES =
      List.of(Path.of("sfc.yaml"), Path.of("/etc/sfc/sfc.yaml"));

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  /** The files looked for when neither option is given, in order. */
  private final List<Path> defaults;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--node",
      paramLabel = "ID",
      description = "This controller's node id (overrides 'node' in the file).")
  String node;

  ConfigOptions() {
    this(DEFAULT_FILES);
  }

  /** Options that look for {@code defaults} when neither option is given. */
  ConfigOptions(List<Path> defaults) {
    this.defaults = List.copyOf(defaults);
  }

  /** What an admin command does with its configuration and the open metastore. */
  @FunctionalInterface
  interface AdminAction {
    /** Returns the command's exit code. */
    int run(SfcConfig config, Metastore ms, MetastoreAdmin admin) throws Exception;
  }

  /**
   * Loads the configuration (conversion notes to the command's error stream), opens its metastore,
   * runs {@code action} and closes the metastore.
   */
  int withAdmin(AdminAction action) throws Exception {
    SfcConfig config = load(mixee.commandLine().getErr());
    try (Metastore ms = Metastores.open(config)) {
      return action.run(config, ms, MetastoreAdmin.system(config, ms));
    }
  }

  static final class Source {
    @Option(
        names = {"-c", "--config"},
        required = true,
        paramLabel = "FILE",
        description =
            "The sfc YAML configuration file (default: ./sfc.yaml, then /etc/sfc/sfc.yaml).")
    Path config;

    @Option(
        names = "--airflow-cfg",
        required = true,
        paramLabel = "FILE",
        description = "An airflow.cfg with a [scheduler_failover] section, converted on the fly.")
    Path airflowCfg;
  }

  /** The file the configuration is read from. */
  Path file() throws ConfigException {
    if (source == null) {
      return defaults.stream()
          .filter(Files::exists)
          .findFirst()
          .orElseThrow(
              () ->
                  new ConfigException(
                      "no configuration: neither "
                          + defaults.stream()
                              .map(Path::toString)
                              .collect(Collectors.joining(" nor "))
                          + " exists; pass --config FILE (or --airflow-cfg FILE), or run 'sfc init'"));
    }
    return source.config != null ? source.config : source.airflowCfg;
  }

  /** Loads and validates the configuration; conversion notes go to {@code err}. */
  SfcConfig load(PrintWriter err) throws ConfigException {
    boolean yaml = source == null || source.config != null;
    SfcConfig c = yaml ? ConfigLoader.load(file()) : fromAirflow(err);
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
