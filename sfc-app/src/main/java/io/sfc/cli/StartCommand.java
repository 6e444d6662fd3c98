package io.sfc.cli;

import io.sfc.config.ConfigException;
import io.sfc.config.SfcConfig;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.MonotonicClock;
import io.sfc.daemon.Controller;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc start --config /etc/sfc/sfc.yaml",
      "  sfc start --config sfc.yaml --node master-2 --log-dir /var/log/sfc",
      "  sfc start --airflow-cfg $AIRFLOW_HOME/airflow.cfg -v"
    })
final class StartCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);
  private static final Duration REJECTED_LOG_INTERVAL = Duration.ofMinutes(1);

  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--log-dir",
      paramLabel = "DIR",
      description = "Where service output goes (default: logs/ beside the config file).")
  Path logDir;

  /** The clock that spaces the rejection log lines; a test may replace it. */
  MonotonicClock clock = System::nanoTime;

  @Override
  public Integer call() throws Exception {
    SfcConfig config = options.load(spec.commandLine().getErr());
    if (config.node() == null) {
      throw new ConfigException(
          options.file() + ": node: no node id; set 'node:' in the file or pass --node");
    }
    return run(config);
  }

  private int run(SfcConfig config) throws InterruptedException {
    Controller daemon;
    try {
      daemon = startWhenReachable(config);
    } catch (IOException e) {
      spec.commandLine().getErr().println("cannot start: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    Thread hook = new Thread(() -> stop(daemon), "sfc-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    daemon.awaitTermination();
    return ExitCodes.OK;
  }

  /**
   * A controller must not die because the metastore is down when it starts (that is exactly when
   * the cluster needs it): it keeps trying, and runs nothing meanwhile.
   */
  private Controller startWhenReachable(SfcConfig config) throws IOException, InterruptedException {
    long retryMillis = Math.max(1_000, 2 * config.timings().renewInterval().toMillis());
    Throttle rejections = new Throttle(clock, REJECTED_LOG_INTERVAL);
    while (true) {
      try {
        return Controller.start(config, logDir(config));
      } catch (MetastoreException e) {
        logRetry(e, retryMillis, rejections);
        Thread.sleep(retryMillis);
      }
    }
  }

  /**
   * An unreachable metastore is logged at each retry, as it may come back by itself; a rejection
   * needs an operator and is logged as one ERROR naming the cause and fix at most once a minute.
   */
  private static void logRetry(MetastoreException e, long retryMillis, Throttle rejections) {
    if (!e.rejected()) {
      LOG.warn("{}; retrying in {} ms", MetastoreProblem.describe(e), retryMillis);
    } else if (rejections.ready()) {
      LOG.error(
          "{}; nothing runs until this is fixed; retrying every {} ms (logged at most once a"
              + " minute)",
          MetastoreProblem.describe(e),
          retryMillis);
    }
  }

  private static void stop(Controller daemon) {
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
