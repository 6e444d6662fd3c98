package io.sfc.daemon;

import io.sfc.admin.MetastoreAdmin;
import io.sfc.alert.AlertDispatcher;
import io.sfc.alert.RateLimitPolicy;
import io.sfc.api.ApiServer;
import io.sfc.api.LocalStatus;
import io.sfc.api.Metrics;
import io.sfc.config.HealthConfig;
import io.sfc.config.MetastoreConfig;
import io.sfc.config.SfcConfig;
import io.sfc.core.control.ControllerLoop;
import io.sfc.core.control.MetastoreCaller;
import io.sfc.core.control.Reporter;
import io.sfc.core.control.RoundTimes;
import io.sfc.core.control.ServiceController;
import io.sfc.core.health.HealthMonitor;
import io.sfc.core.model.Event;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.Timings;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.Timer;
import io.sfc.metastore.etcd.EtcdMetastore;
import io.sfc.metastore.jdbc.JdbcMetastore;
import io.sfc.metastore.zookeeper.ZkMetastore;
import io.sfc.runner.ssh.SshConnections;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of one controller: opens the metastore, wires the ports into the loop and
 * runs the loop on its own thread. {@link #stop()} stops the services and releases the leases.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  private static final MonotonicClock CLOCK = System::nanoTime;

  /** How often the loop's round durations are logged. */
  static final long LOOP_STATS_SECONDS = 60;

  private final RoundTimes roundTimes = new RoundTimes();

  private final SfcConfig config;
  private final Metastore metastore;
  private final ExecutorService metastoreCalls = Threads.bounded("sfc-metastore", 1, 64);
  private final ExecutorService writer = Threads.bounded("sfc-reporter", 1, 16);
  private final ExecutorService actions;
  private final ScheduledExecutorService alertThread;
  private final AlertDispatcher alerts;
  private final ScheduledExecutorService healthTimer;
  private final ScheduledExecutorService pollTimer;
  private final SshConnections ssh;
  private final ExecutorService healthChecks;
  private final ControllerLoop loop;
  private final Thread loopThread;
  private final Metrics metrics;
  private final LocalStatus local = new LocalStatus(CLOCK);
  private ApiServer api;

  private Daemon(SfcConfig config, Metastore metastore, Path logDir) throws IOException {
    this.config = config;
    this.metastore = metastore;
    this.actions = Threads.bounded("sfc-actions", 2 * config.services().size() + 1, 256);
    Reporter reporter = new Reporter(metastore.events(), metastore.members(), writer, 10_000);
    this.alertThread = scheduler("sfc-alerts");
    this.alerts = alertDispatcher(config, alertThread);
    reporter.addListener(alerts::onEvent);
    List<String> names = config.services().stream().map(ServiceSpec::name).toList();
    this.metrics = new Metrics(config.cluster(), config.node(), names, CLOCK);
    reporter.addListener(metrics::onEvent);
    metrics.alertQueue(alerts::backlog);
    this.healthTimer = scheduler("sfc-health-timer");
    int probes = config.health().values().stream().mapToInt(List::size).sum();
    this.healthChecks = Threads.bounded("sfc-health", Math.max(1, probes), Math.max(1, probes));
    this.loop = new ControllerLoop(config.node(), reporter, CLOCK);
    loop.addObserver(local);
    loop.addObserver(metrics);
    loop.addObserver((started, ended, services) -> roundTimes.record(ended - started));
    this.pollTimer = scheduler("sfc-detached-poll");
    this.ssh = config.ssh().isEmpty() ? null : SshConnections.withSystemEnv(config.ssh().values());
    Runners runners = new Runners(config, logDir, actions, pollTimer, ssh);
    EventLog events = nonBlocking(reporter, metastore.events());
    for (ServiceSpec spec : config.services()) {
      NodeRunner runner = runners.forService(spec, events, metastore.leases(), CLOCK);
      loop.add(new ServiceController(context(reporter, runner), spec, monitor(spec)));
    }
    this.loopThread = new Thread(loop, "sfc-loop");
  }

  /** Opens the metastore, starts the API server (unless disabled) and the loop thread. */
  public static Daemon start(SfcConfig config, Path logDir) throws MetastoreException, IOException {
    return start(config, openMetastore(config), logDir);
  }

  /**
   * Starts the API server (unless disabled) and the loop thread on an already opened metastore
   * ({@link #openMetastore}), which the daemon then owns (and closes when it fails to start).
   */
  public static Daemon start(SfcConfig config, Metastore ms, Path logDir) throws IOException {
    Daemon d;
    try {
      d = new Daemon(config, ms, logDir);
    } catch (IOException | RuntimeException e) {
      ms.close();
      throw e;
    }
    try {
      d.startApi();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      d.close();
      throw new IOException(
          "cannot start the API on "
              + config.api().bind()
              + ":"
              + config.api().portOf(config.node())
              + ": "
              + e.getMessage()
              + " (set api.port or nodes[].api_port to a free port, or api.enabled: false)",
          e);
    }
    LOG.info(
        "controller {} of cluster {} started; metastore {}; {} service(s); {}",
        config.node(),
        config.cluster(),
        ms.describe(),
        config.services().size(),
        describe(config.timings()));
    d.loopThread.start();
    d.healthTimer.scheduleAtFixedRate(
        d::logRoundTimes, LOOP_STATS_SECONDS, LOOP_STATS_SECONDS, TimeUnit.SECONDS);
    return d;
  }

  private void logRoundTimes() {
    LOG.info("controller loop, last {} s: {}", LOOP_STATS_SECONDS, roundTimes.drain());
  }

  /** The alert dispatcher for the configured sinks, delivering on {@code executor}. */
  public static AlertDispatcher alertDispatcher(
      SfcConfig config, ScheduledExecutorService executor) {
    var a = config.alerts();
    return new AlertDispatcher(
        config.cluster(),
        a.sinks(),
        new RateLimitPolicy(a.policy()),
        AlertDispatcher.Delivery.DEFAULTS,
        executor,
        Clock.systemUTC(),
        CLOCK);
  }

  private void startApi() throws IOException, GeneralSecurityException {
    if (!config.api().enabled()) {
      LOG.info("API disabled (api.enabled: false)");
      return;
    }
    ApiServer.Context ctx =
        new ApiServer.Context(
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
    api = ApiServer.start(ctx);
    if (config.api().exposureWarning() != null) {
      LOG.warn("{}", config.api().exposureWarning());
    }
  }

  /** The port the API listens on, or -1 when it is disabled. */
  public int apiPort() {
    return api == null ? -1 : api.port();
  }

  private static ScheduledExecutorService scheduler(String name) {
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, Threads.named(name));
    ex.setRemoveOnCancelPolicy(true);
    return ex;
  }

  private HealthMonitor monitor(ServiceSpec spec) {
    // A process check polls the local /proc for a stopped or zombie process; a remote service's
    // process is not visible here, and its exit is reported by the shim at once.
    boolean remote = config.runnerOf(spec.name()).remote();
    List<HealthConfig> checks =
        config.healthOf(spec.name()).stream()
            .filter(c -> !(remote && "process".equals(c.type())))
            .toList();
    if (checks.isEmpty()) {
      return HealthMonitor.none();
    }
    List<HealthMonitor.Probe> probes =
        checks.stream()
            .map(
                c ->
                    new HealthMonitor.Probe(
                        c.spec(), metrics.counted(spec.name(), c.spec().name(), c.factory().get())))
            .toList();
    Timer timer =
        (task, delay) -> {
          ScheduledFuture<?> f = healthTimer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
          return () -> f.cancel(false);
        };
    return new HealthMonitor(spec.name(), probes, timer, healthChecks, CLOCK);
  }

  /**
   * Opens the configured metastore with calls bounded by {@link #callTimeout(Timings)}. A ZooKeeper
   * session is asked for a timeout of {@code lease_ttl}.
   */
  public static Metastore openMetastore(SfcConfig config) throws MetastoreException {
    MetastoreConfig m = config.metastore();
    Duration call = callTimeout(config.timings());
    String cluster = config.cluster();
    return switch (m.kind()) {
      case JDBC -> JdbcMetastore.open(m.jdbcUrl(), m.user(), m.password(), cluster, call);
      case ZOOKEEPER ->
          ZkMetastore.open(
              m.hosts(),
              m.root(),
              m.user(),
              m.password(),
              cluster,
              config.timings().leaseTtl(),
              call);
      case ETCD ->
          EtcdMetastore.open(m.endpoints(), m.user(), m.password(), m.tls(), cluster, call);
    };
  }

  /**
   * The longest a single metastore call may take: twice the renew interval, but at most a third of
   * the renew deadline, so a hung call cannot eat the holder's whole deadline.
   */
  public static Duration callTimeout(Timings t) {
    Duration twice = t.renewInterval().multipliedBy(2);
    Duration third = t.renewDeadline().dividedBy(3);
    return twice.compareTo(third) < 0 ? twice : third;
  }

  /** An event log whose writes go through the reporter's queue, so a fence never waits on them. */
  private static EventLog nonBlocking(Reporter reporter, EventLog log) {
    return new EventLog() {
      @Override
      public void record(Event event) {
        reporter.record(event);
      }

      @Override
      public List<Event> recent(int limit) throws MetastoreException {
        return log.recent(limit);
      }
    };
  }

  private ServiceController.Context context(Reporter reporter, NodeRunner runner) {
    Timings t = config.timings();
    return new ServiceController.Context(
        config.node(),
        t,
        metrics.timed(metastore.leases()),
        metastore.directives(),
        MetastoreCaller.bounded(metastoreCalls, callTimeout(t)),
        runner,
        reporter,
        actions,
        CLOCK,
        loop::post);
  }

  /** The timings in one line, for logs and {@code sfc check-config}. */
  public static String describe(Timings t) {
    return String.format(
        "lease_ttl %s, renew_interval %s, renew_deadline %s, stop_timeout %s, safety_margin %s",
        Timings.fmt(t.leaseTtl()),
        Timings.fmt(t.renewInterval()),
        Timings.fmt(t.renewDeadline()),
        Timings.fmt(t.stopTimeout()),
        Timings.fmt(t.safetyMargin()));
  }

  /** Blocks until the loop ends (after {@link #stop()}). */
  public void awaitTermination() throws InterruptedException {
    loopThread.join();
  }

  /**
   * Stops every service, releases every lease and ends the loop; waits at most long enough for the
   * slowest service to stop plus a margin. Idempotent.
   */
  public boolean stop() throws InterruptedException {
    loop.shutdown();
    long maxStop =
        config.services().stream().mapToLong(s -> s.stopTimeout().toMillis()).max().orElse(0);
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

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    try {
      if (!alerts.awaitIdle(Duration.ofSeconds(5))) {
        LOG.warn("alerts still queued at shutdown: {}", alerts.backlog());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    alerts.close();
    alertThread.shutdownNow();
    healthTimer.shutdownNow();
    pollTimer.shutdownNow();
    healthChecks.shutdownNow();
    if (ssh != null) {
      ssh.close();
    }
    actions.shutdownNow();
    metastoreCalls.shutdownNow();
    writer.shutdown();
    try {
      writer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metastore.close();
  }
}
