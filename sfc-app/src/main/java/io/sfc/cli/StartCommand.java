package io.sfc.cli;

import io.sfc.config.ConfigException;
import io.sfc.config.SfcConfig;
import io.sfc.core.port.MetastoreException;
import io.sfc.daemon.Daemon;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc start}: runs one controller in the foreground until SIGTERM or SIGINT. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Runs this node's controller in the foreground.",
      "SIGTERM or Ctrl-C stops the services it runs and releases their leases, so that a"
          + " standby takes over at once."
    })
final class StartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--log-dir",
      paramLabel = "DIR",
      description = "Where service output goes (default: logs/ beside the config file).")
  Path logDir;

  @Override
  public Integer call() throws Exception {
    SfcConfig config = options.load();
    if (config.node() == null) {
      throw new ConfigException(
          options.config + ": node: no node id; set 'node:' in the file or pass --node");
    }
    return run(config);
  }

  private int run(SfcConfig config) throws InterruptedException, MetastoreException {
    Daemon daemon;
    try {
      daemon = Daemon.start(config, logDir(config));
    } catch (IOException e) {
      spec.commandLine().getErr().println("cannot start: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    Thread hook = new Thread(() -> stop(daemon), "sfc-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    daemon.awaitTermination();
    return ExitCodes.OK;
  }

  private static void stop(Daemon daemon) {
    try {
      daemon.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      daemon.close();
    }
  }

  private Path logDir(SfcConfig config) {
    if (logDir != null) {
      return logDir;
    }
    Path parent = config.source().toAbsolutePath().getParent();
    return parent.resolve("logs");
  }
}
