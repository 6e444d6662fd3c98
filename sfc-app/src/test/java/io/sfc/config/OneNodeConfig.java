package io.sfc.config;

import java.nio.file.Path;
import java.util.Map;

/** Parses configuration text after a fixed head: cluster {@code c}, node {@code m1}, an H2 file. */
final class OneNodeConfig {
  static final String HEAD =
      """
      cluster: c
      nodes: [{id: m1, host: 127.0.0.1}]
      metastore: {type: h2, path: /tmp/sfc-one-node}
      """;

  private OneNodeConfig() {}

  /** The configuration of {@link #HEAD} followed by {@code rest}, as if read from sfc.yaml. */
  static SfcConfig parse(String rest) throws ConfigException {
    return ConfigLoader.parse(HEAD + rest, Path.of("sfc.yaml"), Map.of());
  }
}
