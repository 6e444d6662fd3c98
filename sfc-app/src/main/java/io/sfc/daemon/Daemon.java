package io.sfc.daemon;

import io.sfc.admin.MetastoreAdmin;
import io.sfc.alert.AlertDispatcher;
import io.sfc.alert.RateLimitPolicy;
import io.sfc.alert.sinks.AlertSinks;
import io.sfc.api.ApiServer;
import io.sfc.api.LocalStatus;
import io.sfc.check.TimingAdvice;
import io.sfc.config.SfcConfig;
import io.sfc.core.control.ControllerLoop;
import io.sfc.core.control.MetastoreCaller;
import io.sfc.core.control.Reporter;
import io.sfc.core.control.ServiceController;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.Timings;
import io.sfc.core.port.ChangeWatch;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.NodeRunner;
import io.sfc.metastore.factory.Metastores;
import io.sfc.metrics.Metrics;
import io.sfc.runner.ssh.SshConnections;
import io.sfc.time.SystemTime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of one controller: opens the metastore, wires the ports into the loop and
 * runs the loop on its own thread. {@link #stop()} stops the services and releases the leases.
 */
public final class Daemon implements Controller {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  private static final MonotonicClock CLOCK = SystemTime.MONOTONIC;

  private final LoopStats loopStats = new LoopStats();
  private final SfcConfig config;
  private final Resources resources;
  private final Metastore metastore;
  private final ExecutorService metastoreCalls;
  private final ExecutorService actions;
  private final AlertDispatcher alerts;
  private final ControllerLoop loop;
  private final Thread loopThread;
  private final ChangeWatch changes;
  private final Metrics metrics;
  private final LocalStatus local = new LocalStatus(CLOCK);
  private ApiServer api;

  /**
   * Creates every thread pool and connection through {@code resources}, in an order whose reverse
   * is a safe order of closing: the metastore (registered by the caller) and the reporter's writer
   * outlive the SSH connections, which outlive the actions, fences and polls that use them.
   */
  private Daemon(SfcConfig config, Metastore metastore, Path logDir, Resources resources)
      throws IOException {
    this.config = config;
    this.resources = resources;
    this.metastore = metastore;
    ExecutorService writer =
        resources.ownDraining(
            "sfc-reporter", Threads.bounded("sfc-reporter", 1, 16), Duration.ofSeconds(2));
    this.metastoreCalls = resources.own("sfc-metastore", Threads.metastoreCalls());
    SshConnections ssh =
        config.ssh().isEmpty()
            ? null
            : resources.own(SshConnections.withSystemEnv(config.ssh().values()));
    this.actions =
        resources.own(
            "sfc-actions", Threads.actions("sfc-actions", 2 * config.services().size() + 1));
    ScheduledExecutorService pollTimer = resources.scheduler("sfc-detached-poll");
    Runners runners = new Runners(config, logDir, actions, pollTimer, ssh, resources);
    Reporter reporter =
        new Reporter(
            metastore.events(),
            metastore.members(),
            writer,
            10_000,
            CLOCK,
            SystemTime.WALL::millis);
    this.alerts = resources.own(alertDispatcher(config, resources.scheduler("sfc-alerts")));
    reporter.addListener(alerts::onEvent);
    List<String> names = config.services().stream().map(ServiceSpec::name).toList();
    this.metrics = new Metrics(config.cluster(), config.node(), names, CLOCK);
    reporter.addListener(metrics::onEvent);
    metrics.alertQueue(alerts::backlog);
    int probes = Math.max(1, config.health().values().stream().mapToInt(List::size).sum());
    ExecutorService checks =
        resources.own("sfc-health", Threads.bounded("sfc-health", probes, probes));
    HealthMonitors monitors =
        new HealthMonitors(config, metrics, resources.scheduler("sfc-health-timer"), checks, CLOCK);
    this.loop = new ControllerLoop(config.node(), reporter, CLOCK);
    loop.addObserver(local);
    loop.addObserver(metrics);
    loop.addObserver(loopStats);
    EventLog events = new QueuedEventLog(reporter, metastore.events());
    for (ServiceSpec spec : config.services()) {
      NodeRunner runner = runners.forService(spec, events, metastore.leases(), CLOCK);
      loop.add(
          new ServiceController(
              context(reporter, runner), spec, monitors.of(spec), config.self().candidate()));
    }
    this.loopThread = new Thread(loop, "sfc-loop");
    this.changes = resources.own(metastore.watch(resources.scheduler("sfc-watch")));
  }

  /** Opens the metastore, starts the API server (unless disabled) and the loop thread. */
  public static Daemon start(SfcConfig config, Path logDir) throws MetastoreException, IOException {
    return start(config, Metastores.open(config), logDir);
  }

  /**
   * Starts the API server (unless disabled) and the loop thread on an already opened metastore
   * ({@link Metastores#open}), which the daemon then owns (and closes when it fails to start).
   */
  public static Daemon start(SfcConfig config, Metastore ms, Path logDir) throws IOException {
    Resources resources = new Resources();
    resources.own(ms);
    Daemon d;
    try {
      d = new Daemon(config, ms, logDir, resources);
      d.api = ApiStart.start(d.apiContext(), resources);
    } catch (IOException | RuntimeException e) {
      resources.close();
      throw e;
    }
    LOG.info(
        "controller {} of cluster {} started; metastore {} ({}); {} service(s); {}",
        config.node(),
        config.cluster(),
        d.metastore.describe(),
        d.changes.delivers() ? "changes watched" : "changes polled",
        config.services().size(),
        config.timings().describe());
    TimingAdvice.warnings(config).forEach(w -> LOG.warn("{}", w));
    d.loopThread.start();
    d.changes.start(d.loop::hint);
    d.loopStats.logEvery(d.resources.scheduler("sfc-loop-stats"));
    return d;
  }

  /** The alert dispatcher for the configured sinks, delivering on {@code executor}. */
  private static AlertDispatcher alertDispatcher(
      SfcConfig config, ScheduledExecutorService executor) {
    var a = config.alerts();
    return new AlertDispatcher(
        config.cluster(),
        AlertSinks.of(a),
        new RateLimitPolicy(a.policy()),
        AlertDispatcher.Delivery.DEFAULTS,
        executor,
        Clock.systemUTC(),
        CLOCK);
  }

  private ApiServer.Context apiContext() {
    return new ApiServer.Context(
        config.cluster(),
        config.node(),
        config.nodes(),
        config.api(),
        config.services().stream().map(ServiceSpec::name).toList(),
        config.timings().renewDeadline(),
        local,
        MetastoreAdmin.system(config, metastore),
        metrics::scrape,
        CLOCK);
  }

  /** The port the API listens on, or -1 when it is disabled. */
  public int apiPort() {
    return api == null ? -1 : api.port();
  }

  private ServiceController.Context context(Reporter reporter, NodeRunner runner) {
    Timings t = config.timings();
    return new ServiceController.Context(
        config.node(),
        t,
        metrics.timed(metastore.leases()),
        metastore.directives(),
        metastore.states(),
        MetastoreCaller.bounded(metastoreCalls, Metastores.callTimeout(t), CLOCK),
        runner,
        reporter,
        actions,
        CLOCK,
        loop::post);
  }

  @Override
  public void awaitTermination() throws InterruptedException {
    loopThread.join();
  }

  /** Waits at most long enough for the slowest service to stop, plus a margin. */
  @Override
  public boolean stop() throws InterruptedException {
    loop.shutdown();
    long maxStop =
        config.services().stream()
            .flatMap(s -> java.util.stream.Stream.of(s.stopTimeout(), s.deadlineStopTimeout()))
            .mapToLong(Duration::toMillis)
            .max()
            .orElse(0);
    long wait = maxStop + config.timings().renewDeadline().toMillis() + 2_000;
    boolean done = loop.awaitFinished(wait, TimeUnit.MILLISECONDS);
    if (!done) {
      LOG.warn("services did not stop within {} ms; their watchdogs will end them", wait);
    }
    return done;
  }

  /** The alert dispatcher, for counters and tests. */
  public AlertDispatcher alerts() {
    return alerts;
  }

  /** Waits a few seconds for the last alerts, then closes everything in reverse order. */
  @Override
  public void close() {
    try {
      if (!alerts.awaitIdle(Duration.ofSeconds(5))) {
        LOG.warn("alerts still queued at shutdown: {}", alerts.backlog());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    resources.close();
  }
}
