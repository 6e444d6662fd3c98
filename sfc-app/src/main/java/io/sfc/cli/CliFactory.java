package io.sfc.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * Creates the commands and mixins with what they read from outside the command line: standard input
 * (the confirmation of {@code clear-metadata}) and the default configuration files.
 */
final class CliFactory implements CommandLine.IFactory {
  private final InputStream in;
  private final List<Path> defaultFiles;

  CliFactory(InputStream in, List<Path> defaultFiles) {
    this.in = in;
    this.defaultFiles = List.copyOf(defaultFiles);
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (cls == ConfigOptions.class) {
      return cls.cast(new ConfigOptions(defaultFiles));
    }
    if (cls == ClearMetadataCommand.class) {
      return cls.cast(new ClearMetadataCommand(in));
    }
    return CommandLine.defaultFactory().create(cls);
  }
}
