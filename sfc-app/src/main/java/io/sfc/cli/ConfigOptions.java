package io.sfc.cli;

import io.sfc.config.ConfigException;
import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} and {@code --node} options shared by commands that read a config file. */
final class ConfigOptions {
  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The sfc YAML configuration file.")
  Path config;

  @Option(
      names = "--node",
      paramLabel = "ID",
      description = "This controller's node id (overrides 'node' in the file).")
  String node;

  /** Loads and validates the configuration. */
  SfcConfig load() throws ConfigException {
    SfcConfig c = ConfigLoader.load(config);
    return node == null ? c : c.withNode(node);
  }
}
