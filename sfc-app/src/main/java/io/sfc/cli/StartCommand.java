package io.sfc.cli;

import io.sfc.api.ApiServer;
import io.sfc.check.Programs;
import io.sfc.config.ConfigException;
import io.sfc.config.SfcConfig;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.MonotonicClock;
import io.sfc.daemon.Controller;
import io.sfc.metastore.factory.Metastores;
import io.sfc.time.SystemTime;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
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
  MonotonicClock clock = SystemTime.MONOTONIC;

  @Override
  public Integer call() throws Exception {
    SfcConfig config = options.load(spec.commandLine().getErr());
    if (config.node() == null) {
      throw new ConfigException(
          options.file() + ": node: no node id; set 'node:' in the file or pass --node");
    }
    List<String> programs = Programs.localProblems(config, options.file(), System.getenv("PATH"));
    if (!programs.isEmpty()) {
      throw new ConfigException(programs);
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
    try (WaitingApi waiting = new WaitingApi(config)) {
      while (true) {
        try {
          Metastore ms = Metastores.open(config);
          waiting.close();
          return Controller.start(config, ms, logDir(config));
        } catch (MetastoreException e) {
          logRetry(e, retryMillis, rejections);
          waiting.answer(MetastoreProblem.describe(e));
          Thread.sleep(retryMillis);
        }
      }
    }
  }

  /**
   * While the metastore cannot be opened, the API port answers every request 503 with the cause
   * ({@link ApiServer#startWaiting}), so that {@code /health} tells a supervisor what is wrong
   * instead of refusing connections. Opened at the first failure, closed before the controller
   * binds the port itself.
   */
  private static final class WaitingApi implements AutoCloseable {
    private final SfcConfig config;
    private final AtomicReference<String> cause = new AtomicReference<>();
    private ApiServer server;
    private boolean tried;

    WaitingApi(SfcConfig config) {
      this.config = config;
    }

    void answer(String why) {
      cause.set(why);
      if (tried || !config.api().enabled()) {
        return;
      }
      tried = true;
      try {
        server = ApiServer.startWaiting(config.node(), config.api(), cause::get);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        LOG.warn(
            "cannot answer on the API port while waiting for the metastore: {}", e.getMessage());
      }
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
        server = null;
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
