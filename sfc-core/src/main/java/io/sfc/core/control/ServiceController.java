package io.sfc.core.control;

import io.sfc.core.decide.Decider;
import io.sfc.core.decide.Decision;
import io.sfc.core.decide.LeaseAction;
import io.sfc.core.decide.LocalState;
import io.sfc.core.decide.ServiceAction;
import io.sfc.core.decide.Snapshot;
import io.sfc.core.decide.Takeover;
import io.sfc.core.health.HealthMonitor;
import io.sfc.core.model.Directives;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.Switchover;
import io.sfc.core.model.Timings;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Controls one service on one node. Every method runs on the loop thread; callbacks from other
 * threads (process exits, finished starts) come back through the loop's inbox, so the state needs
 * no lock. One {@link #step()} = read one snapshot, decide (pure), act.
 */
public final class ServiceController {
  private static final Logger LOG = System.getLogger(ServiceController.class.getName());
  private static final long REPORT_EVERY_NANOS = MemberReport.REFRESH.toNanos();

  /**
   * How often per renew interval every controller reads the lease and the directives, so that a
   * switchover request, a pause or a free lease is seen within half the interval; a holder still
   * renews once per interval.
   */
  private static final int LOOKS_PER_RENEWAL = 2;

  /** Fastest loop of a switchover target waiting for the holder to hand the lease off. */
  private static final long MIN_HANDOFF_POLL_NANOS = Duration.ofMillis(20).toNanos();

  private final Context ctx;
  private final ServiceSpec spec;
  private final Decider decider;
  private final HealthMonitor health;
  private LocalState state = LocalState.initial();
  private Instance instance;
  private String lastReason = "";
  private MemberReport lastReport;
  private long lastReportAt;
  private boolean stepAgain;
  private boolean metastoreDown;
  private long unreachableSince;
  private Takeover.Seen seen = Takeover.Seen.NOTHING;
  private Directives directives = Directives.NONE;
  private long announcedSwitchover;
  private long lastStepAt;

  /**
   * The local deadline (monotonic nanos) of the lease held, or {@link Long#MIN_VALUE} when none is
   * held. Written on the loop thread, read by a launch on the action executor.
   */
  private volatile long launchDeadline = Long.MIN_VALUE;

  /** What every controller of a node shares: identity, timings, ports and threads. */
  public record Context(
      String node,
      Timings timings,
      LeaseStore leases,
      DirectiveStore directives,
      MetastoreCaller caller,
      NodeRunner runner,
      Reporter reporter,
      Executor actions,
      MonotonicClock clock,
      Consumer<Runnable> inbox) {}

  /** One started instance; stale callbacks of an earlier instance are recognised and ignored. */
  private static final class Instance {
    final long epoch;
    ServiceHandle handle;
    boolean stopRequested;
    String unhealthy;

    Instance(long epoch) {
      this.epoch = epoch;
    }
  }

  public ServiceController(Context ctx, ServiceSpec spec) {
    this(ctx, spec, HealthMonitor.none());
  }

  /**
   * A controller whose running instance is also watched by {@code health}: an unhealthy instance is
   * stopped and counted as a crash, so the restart back-off and step-down rules apply unchanged.
   */
  public ServiceController(Context ctx, ServiceSpec spec, HealthMonitor health) {
    this.ctx = ctx;
    this.spec = spec;
    this.decider = new Decider(ctx.node(), spec, ctx.timings());
    this.health = health;
    this.lastStepAt = ctx.clock().nanoTime() - ctx.timings().renewInterval().toNanos(); // due now
  }

  public String service() {
    return spec.name();
  }

  public LocalState state() {
    return state;
  }

  public String lastReason() {
    return lastReason;
  }

  /** Runs loops until one does not change anything that calls for an immediate next loop. */
  public void step() {
    int guard = 0;
    do {
      stepAgain = false;
      stepOnce();
    } while (stepAgain && ++guard < 5);
  }

  private void stepOnce() {
    lastStepAt = now();
    Snapshot s = observe();
    Decision d = decider.decide(s);
    if (!d.reason().equals(lastReason)) {
      LOG.log(Level.INFO, "{0}: {1}", spec.name(), d.reason());
      lastReason = d.reason();
    }
    applyLease(d, s.now());
    clearFinishedSwitchover(s.directives());
    launchDeadline =
        state.holding()
            ? state.renewSentAt() + ctx.timings().renewDeadline().toNanos()
            : Long.MIN_VALUE;
    applyService(d.service());
    publish();
  }

  /**
   * Reads the lease, then the directives. When either read fails the loop decides on neither (as if
   * the metastore were unreachable), with the directives read last.
   */
  private Snapshot observe() {
    try {
      LeaseRecord record = ctx.caller().call(() -> ctx.leases().read(spec.name()));
      Directives read = ctx.caller().call(() -> ctx.directives().read(spec.name()));
      noteReachable();
      seen = seen.then(record);
      noteDirectives(read);
      return Snapshot.of(now(), record, read, state);
    } catch (MetastoreException e) {
      if (!metastoreDown) {
        metastoreDown = true;
        unreachableSince = now();
        event(EventKind.METASTORE_UNREACHABLE, "metastore unreachable: " + e.getMessage());
      }
      return Snapshot.unreachable(now(), e.getMessage(), directives, state);
    }
  }

  /** After an outage, records how long the metastore was unreachable for this controller. */
  private void noteReachable() {
    if (metastoreDown) {
      metastoreDown = false;
      Duration outage = Duration.ofNanos(now() - unreachableSince);
      event(
          EventKind.METASTORE_REACHABLE,
          String.format(
              java.util.Locale.ROOT,
              "metastore reachable again after %.1f s unreachable",
              outage.toMillis() / 1000.0));
    }
  }

  /** Records the pause, resume and switchover request this controller sees for the first time. */
  private void noteDirectives(Directives read) {
    Directives before = directives;
    directives = read;
    if (read.paused() && !before.paused()) {
      event(EventKind.PAUSED, "paused by " + read.pausedBy() + "; starting and stopping nothing");
    } else if (!read.paused() && before.paused()) {
      event(EventKind.RESUMED, "resumed (was paused by " + before.pausedBy() + ")");
    }
    Switchover sw = read.switchover();
    if (sw != null
        && state.holding()
        && sw.epoch() == state.epoch()
        && !sw.to().equals(ctx.node())
        && announcedSwitchover != sw.epoch()) {
      announcedSwitchover = sw.epoch();
      event(
          EventKind.SWITCHOVER_REQUESTED,
          "switchover to " + sw.to() + " requested by " + sw.requestedBy());
    }
  }

  /** The holder of a newer epoch removes the request that the last holder acted on. */
  private void clearFinishedSwitchover(Directives read) {
    Switchover sw = read.switchover();
    if (sw == null || !state.holding() || sw.epoch() >= state.epoch()) {
      return;
    }
    try {
      ctx.caller()
          .call(
              () -> {
                ctx.directives().clearSwitchover(spec.name(), sw.epoch());
                return null;
              });
      directives = new Directives(read.paused(), read.pausedBy(), null);
    } catch (MetastoreException e) {
      LOG.log(
          Level.WARNING, "{0}: clearing the switchover failed: {1}", spec.name(), e.getMessage());
    }
  }

  /** Requests a graceful shutdown: stop the service, then release the lease. */
  public void shutdown() {
    state = state.withShutdownRequested();
    stepAgain = true;
  }

  /** True once shut down: nothing runs and no lease is held. */
  public boolean isDone() {
    return state.shuttingDown() && !state.holding() && state.service() == ServiceState.STOPPED;
  }

  /** How long the loop may wait before this controller needs another step. */
  public long nanosUntilDue() {
    long interval = ctx.timings().renewInterval().toNanos();
    long look = interval / LOOKS_PER_RENEWAL;
    long n = now();
    if (!state.holding()) {
      long period = awaitingHandoff() ? Math.max(interval / 10, MIN_HANDOFF_POLL_NANOS) : look;
      return Math.max(0, lastStepAt + period - n);
    }
    long renew = state.lastRenewAttempt() + interval - n;
    long deadline = state.renewSentAt() + ctx.timings().renewDeadline().toNanos() - n;
    long nextLook = lastStepAt + look - n;
    return Math.max(0, Math.min(Math.min(renew, deadline), nextLook));
  }

  /**
   * True while a fresh switchover names this node as the target: it then loops at a tenth of the
   * renew interval so that it takes the lease soon after the holder hands it off.
   */
  private boolean awaitingHandoff() {
    Switchover sw = directives.switchover();
    return sw != null
        && sw.to().equals(ctx.node())
        && !directives.paused()
        && sw.age().compareTo(ctx.timings().leaseTtl()) < 0;
  }

  // ---- lease actions ----

  private void applyLease(Decision d, long now) {
    switch (d.lease()) {
      case ACQUIRE -> acquire();
      case RENEW -> renew();
      case RELEASE, HAND_OFF, STEP_DOWN -> release(d);
      case DROP -> forget(EventKind.LOST, d.reason());
      case SELF_FENCE -> forget(EventKind.SELF_FENCED, d.reason());
      case NONE -> {}
    }
  }

  private void acquire() {
    long sent = now();
    try {
      Optional<Lease> won =
          ctx.caller().call(() -> ctx.leases().tryAcquire(spec.name(), ctx.node(), ttl()));
      won.ifPresent(lease -> acquired(lease, sent));
    } catch (MetastoreException e) {
      LOG.log(Level.WARNING, "{0}: acquire failed: {1}", spec.name(), e.getMessage());
    }
  }

  private void acquired(Lease lease, long sent) {
    state = state.withLease(lease, sent);
    event(EventKind.ACQUIRED, "acquired lease at epoch " + lease.epoch());
    Takeover t = Takeover.classify(seen, ctx.node(), directives.switchover(), lease.epoch());
    t.event().ifPresent(kind -> event(kind, t.reason()));
    stepAgain = true;
  }

  private void renew() {
    long sent = now();
    state = state.renewAttempted(sent);
    Lease lease = state.lease();
    try {
      if (ctx.caller().call(() -> ctx.leases().renew(lease, ttl()))) {
        state = state.renewed(sent);
        feed();
      } else {
        forget(EventKind.LOST, "renewal refused: lease no longer held at epoch " + lease.epoch());
      }
    } catch (MetastoreException e) {
      LOG.log(Level.WARNING, "{0}: renewal failed: {1}", spec.name(), e.getMessage());
    }
  }

  private void release(Decision d) {
    Lease lease = state.lease();
    try {
      ctx.caller().call(() -> ctx.leases().release(lease));
    } catch (MetastoreException e) {
      LOG.log(
          Level.WARNING,
          "{0}: release failed, lease will expire: {1}",
          spec.name(),
          e.getMessage());
    }
    boolean stepDown = d.lease() == LeaseAction.STEP_DOWN;
    event(releaseKind(d.lease()), d.reason());
    state = state.withoutLease();
    if (stepDown) {
      state = state.coolingDownUntil(now() + spec.restart().cooldown().toNanos());
    }
    stepAgain = true;
  }

  private static EventKind releaseKind(LeaseAction action) {
    return switch (action) {
      case STEP_DOWN -> EventKind.STEPPED_DOWN;
      case HAND_OFF -> EventKind.HANDED_OFF;
      default -> EventKind.RELEASED;
    };
  }

  private void forget(EventKind kind, String reason) {
    event(kind, reason);
    state = state.withoutLease();
    stepAgain = true;
  }

  private void feed() {
    if (instance != null && instance.handle != null) {
      instance.handle.feed(budget());
    }
  }

  /** Time left until the local deadline, measured from the instant before the last renewal. */
  private Duration budget() {
    long left = state.renewSentAt() + ctx.timings().renewDeadline().toNanos() - now();
    return Duration.ofNanos(Math.max(0, left));
  }

  // ---- service actions ----

  private void applyService(ServiceAction action) {
    switch (action) {
      case START -> start();
      case STOP -> stop();
      case NONE -> {}
    }
  }

  private void start() {
    Instance inst = new Instance(state.epoch());
    instance = inst;
    state = state.withService(ServiceState.STARTING, 0);
    ctx.actions().execute(() -> launch(inst));
  }

  /**
   * Runs on the action executor. The watchdog budget is measured here from the latest renewal, not
   * when the start was decided: the executor (or the whole JVM) may have stalled in between, past
   * the local deadline and past the lease's expiry, or renewals may have succeeded meanwhile.
   */
  private void launch(Instance inst) {
    long deadline = launchDeadline;
    long left = deadline == Long.MIN_VALUE ? 0 : deadline - now();
    if (left <= 0) {
      post(() -> notLaunched(inst));
      return;
    }
    Duration budget = Duration.ofNanos(left);
    try {
      ServiceHandle h =
          ctx.runner().start(spec, inst.epoch, budget, status -> post(() -> exited(inst, status)));
      post(() -> started(inst, h));
    } catch (IOException | RuntimeException e) {
      post(() -> startFailed(inst, e));
    }
  }

  private void started(Instance inst, ServiceHandle h) {
    inst.handle = h;
    if (inst != instance) {
      return;
    }
    if (inst.stopRequested) {
      ctx.actions().execute(h::stop);
      return;
    }
    state = state.withService(ServiceState.RUNNING, h.pid());
    event(EventKind.STARTED, "service started, pid " + h.pid());
    if (!health.isEmpty()) {
      health.watch(h.pid(), reason -> post(() -> unhealthy(inst, reason)));
    }
  }

  /** A health check gave up on the instance: stop it; its exit then counts as a crash. */
  private void unhealthy(Instance inst, String reason) {
    if (inst != instance || inst.stopRequested || inst.handle == null) {
      return;
    }
    if (directives.paused()) {
      event(EventKind.UNHEALTHY, inst.epoch, reason + "; paused: not stopping the service");
      return;
    }
    event(EventKind.UNHEALTHY, inst.epoch, reason + "; stopping the service");
    inst.unhealthy = reason;
    inst.stopRequested = true;
    state = state.withService(ServiceState.STOPPING, state.pid());
    ctx.actions().execute(inst.handle::stop);
    stepAgain = true;
  }

  private void notLaunched(Instance inst) {
    if (inst == instance) {
      instance = null;
      state = state.withService(ServiceState.STOPPED, 0);
      event(EventKind.STOPPED, inst.epoch, "not started: the renew deadline passed before launch");
      stepAgain = true;
    }
  }

  private void startFailed(Instance inst, Exception e) {
    if (inst == instance) {
      instance = null;
      crashed("service failed to start: " + e.getMessage());
    }
  }

  private void stop() {
    Instance inst = instance;
    health.unwatch();
    state = state.withService(ServiceState.STOPPING, state.pid());
    inst.stopRequested = true;
    if (inst.handle != null) {
      ctx.actions().execute(inst.handle::stop);
    }
  }

  private void exited(Instance inst, int status) {
    if (inst != instance) {
      return;
    }
    instance = null;
    health.unwatch();
    boolean expected = state.service() == ServiceState.STOPPING || inst.stopRequested;
    if (inst.unhealthy != null && state.holding() && !state.shuttingDown()) {
      crashed(inst.unhealthy + "; service stopped, exit status " + status);
    } else if (expected) {
      state = state.withService(ServiceState.STOPPED, 0);
      event(EventKind.STOPPED, inst.epoch, "service stopped, exit status " + status);
    } else if (!state.holding() || budget().isZero()) {
      state = state.withService(ServiceState.STOPPED, 0);
      event(EventKind.STOPPED, inst.epoch, "service killed by its watchdog, status " + status);
    } else {
      crashed("service exited with status " + status);
    }
    stepAgain = true;
  }

  private void crashed(String reason) {
    long n = now();
    state = state.crashed(n, n - spec.restart().window().toNanos());
    event(EventKind.CRASHED, reason);
    stepAgain = true;
  }

  // ---- reporting ----

  private void event(EventKind kind, String reason) {
    event(kind, state.epoch(), reason);
  }

  private void event(EventKind kind, long epoch, String reason) {
    ctx.reporter().record(Event.of(ctx.node(), spec.name(), epoch, kind, reason));
  }

  private void publish() {
    long n = now();
    MemberReport r =
        new MemberReport(
            ctx.node(),
            spec.name(),
            state.role(n),
            state.epoch(),
            state.service(),
            state.pid(),
            lastReason,
            Duration.ZERO);
    if (!r.sameAs(lastReport) || n - lastReportAt >= REPORT_EVERY_NANOS) {
      ctx.reporter().report(r);
      lastReport = r;
      lastReportAt = n;
    }
  }

  private void post(Runnable r) {
    ctx.inbox().accept(r);
  }

  private Duration ttl() {
    return ctx.timings().leaseTtl();
  }

  private long now() {
    return ctx.clock().nanoTime();
  }
}
