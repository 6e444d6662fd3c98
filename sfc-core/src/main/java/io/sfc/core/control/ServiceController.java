package io.sfc.core.control;

import io.sfc.core.decide.ControllerMemory;
import io.sfc.core.decide.Decider;
import io.sfc.core.decide.Decision;
import io.sfc.core.decide.DirectiveAction;
import io.sfc.core.decide.LocalState;
import io.sfc.core.decide.Outcome;
import io.sfc.core.decide.Snapshot;
import io.sfc.core.decide.StateAction;
import io.sfc.core.decide.Transition;
import io.sfc.core.decide.Transitions;
import io.sfc.core.health.HealthMonitor;
import io.sfc.core.model.Event;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.StopPath;
import io.sfc.core.model.Timings;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import io.sfc.core.port.StateStore;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Controls one service on one node by executing decisions and outcomes: one {@link #step()} reads
 * one snapshot, lets the {@link Decider} decide (pure), performs the decided calls and hands each
 * result to {@link Transitions} (pure) as an {@link Outcome}. Every method runs on the loop thread;
 * callbacks from other threads (process exits, finished starts, health results) come back through
 * the loop's inbox as outcomes, so the state needs no lock. The one value read off the loop thread
 * is the immutable memory, by a launch on the action executor.
 */
public final class ServiceController {
  private static final Logger LOG = System.getLogger(ServiceController.class.getName());
  private static final long REPORT_EVERY_NANOS = MemberReport.REFRESH.toNanos();

  private final Context ctx;
  private final ServiceSpec spec;
  private final Decider decider;
  private final Transitions transitions;
  private final HealthMonitor health;
  private final MetastoreCalls calls;
  private final InstanceActions actions;

  /** Written on the loop thread, read by a launch on the action executor. */
  private volatile ControllerMemory memory;

  /** The handle of the current instance once it started, or null. */
  private ServiceHandle handle;

  private String lastReason = "";
  private Published published = new Published(null, 0);

  /** What every controller of a node shares: identity, timings, ports and threads. */
  public record Context(
      String node,
      Timings timings,
      LeaseStore leases,
      DirectiveStore directives,
      StateStore states,
      MetastoreCaller caller,
      NodeRunner runner,
      Reporter reporter,
      Executor actions,
      MonotonicClock clock,
      Consumer<Runnable> inbox) {}

  /** The member report last published and when. */
  private record Published(MemberReport report, long at) {}

  /**
   * A controller whose running instance is also watched by {@code health} ({@link
   * HealthMonitor#none()} for none): an unhealthy instance is stopped and counted as a crash, so
   * the restart back-off and step-down rules apply unchanged.
   */
  public ServiceController(Context ctx, ServiceSpec spec, HealthMonitor health) {
    this(ctx, spec, health, true);
  }

  /**
   * A controller as above on a node that may or may not run services.
   *
   * @param candidate false on a node with {@code candidate: false}: it never acquires the lease
   */
  public ServiceController(Context ctx, ServiceSpec spec, HealthMonitor health, boolean candidate) {
    this.ctx = ctx;
    this.spec = spec;
    this.decider = new Decider(ctx.node(), candidate, spec, ctx.timings());
    this.transitions = new Transitions(ctx.node(), spec, ctx.timings());
    this.health = health;
    this.calls = new MetastoreCalls(ctx, spec.name());
    this.actions =
        new InstanceActions(
            ctx,
            spec,
            this::budget,
            this::post,
            (o, h) -> ctx.inbox().accept(() -> absorb(o, now(), h)));
    long interval = ctx.timings().renewInterval().toNanos();
    this.memory = ControllerMemory.initial(now() - interval); // due now
  }

  public String service() {
    return spec.name();
  }

  public LocalState state() {
    return memory.local();
  }

  public String lastReason() {
    return lastReason;
  }

  /** Why the metastore rejects this controller (the cause and the fix), or null. */
  public String rejection() {
    return calls.rejection();
  }

  /** Runs loops until one does not change anything that calls for an immediate next loop. */
  public void step() {
    int guard = 0;
    while (stepOnce() && ++guard < 5) {
      // a lease action changed the situation: decide again at once
    }
  }

  private boolean stepOnce() {
    Snapshot s = observe(now());
    Decision d = decider.decide(s);
    if (!d.reason().equals(lastReason)) {
      LOG.log(Level.INFO, "{0}: {1}", spec.name(), d.reason());
      lastReason = d.reason();
    }
    boolean again = applyLease(d);
    if (d.directive() == DirectiveAction.CLEAR_SWITCHOVER) {
      absorb(calls.clearSwitchover(s.directives().switchover().epoch()), now());
    }
    switch (d.service()) {
      case START -> start(d.state() == StateAction.RESTORE);
      case STOP -> stop(StopPath.PLANNED);
      case DEADLINE_STOP -> stop(StopPath.DEADLINE);
      case NONE -> {}
    }
    if (d.state() == StateAction.UPLOAD) {
      upload();
    }
    publish();
    return again;
  }

  /** Looks at the metastore; when it cannot be read, decides with the directives read last. */
  private Snapshot observe(long at) {
    Outcome o = calls.read();
    long stall = calls.takeStall();
    if (stall > 0) {
      absorb(new Outcome.Stalled(stall), at);
    }
    absorb(o, at);
    if (o instanceof Outcome.Observed x) {
      return Snapshot.of(now(), x.record(), x.directives(), memory.local());
    }
    String why = ((Outcome.Unreachable) o).why();
    return Snapshot.unreachable(now(), why, memory.directives(), memory.local());
  }

  /** Interprets {@code o} and executes the transition; true when the loop should decide again. */
  private boolean absorb(Outcome o, long at) {
    return absorb(o, at, handle);
  }

  private boolean absorb(Outcome o, long at, ServiceHandle h) {
    Transition t = transitions.apply(memory, o, at);
    memory = t.next();
    for (Transition.Draft e : t.events()) {
      ctx.reporter().record(Event.of(ctx.node(), spec.name(), e.epoch(), e.kind(), e.reason()));
    }
    switch (t.instance()) {
      case FEED -> feed();
      case WATCH -> watch(h);
      case STOP -> stopInstance(h, StopPath.PLANNED);
      case DEADLINE_STOP -> stopInstance(h, StopPath.DEADLINE);
      case FORGET -> {
        handle = null;
        health.unwatch();
      }
      case NONE -> {}
    }
    return t.again();
  }

  private void post(Outcome o) {
    ctx.inbox().accept(() -> absorb(o, now()));
  }

  /**
   * Tells this controller that its loop did not run for {@code gapNanos} (see {@link
   * ControllerLoop#STALL_NANOS}); called on the loop thread before the round after the gap.
   */
  public void stalled(long gapNanos) {
    absorb(new Outcome.Stalled(gapNanos), now());
  }

  /** Requests a graceful shutdown: stop the service, then release the lease. */
  public void shutdown() {
    memory = memory.with(memory.local().withShutdownRequested());
  }

  /** True once shut down: nothing runs and no lease is held. */
  public boolean isDone() {
    LocalState l = memory.local();
    return l.shuttingDown() && !l.holding() && l.service() == ServiceState.STOPPED;
  }

  /** How long the loop may wait before this controller needs another step. */
  public long nanosUntilDue() {
    return memory.nanosUntilDue(now(), ctx.node(), ctx.timings());
  }

  // ---- lease and directive actions ----

  private boolean applyLease(Decision d) {
    return switch (d.lease()) {
      case ACQUIRE -> absorb(calls.acquire(now()), now());
      case RENEW -> absorb(calls.renew(memory.local().lease(), now()), now());
      case RELEASE, HAND_OFF, STEP_DOWN -> release(d);
      case DROP, SELF_FENCE -> absorb(new Outcome.Released(d.lease(), d.reason()), now());
      case NONE -> false;
    };
  }

  private boolean release(Decision d) {
    Outcome.Released released = new Outcome.Released(d.lease(), d.reason());
    return absorb(calls.release(memory.local().lease(), released), now());
  }

  // ---- the local instance ----

  private void start(boolean restore) {
    memory = memory.with(memory.local().starting());
    LocalState.Instance inst = memory.local().instance();
    actions.launch(inst.id(), inst.epoch(), restore);
  }

  /** Uploads the state files, conditional on the lease held now. */
  private void upload() {
    LocalState l = memory.local();
    memory = memory.with(l.withSync(l.sync().uploading(now())));
    actions.upload(l.lease(), l.sync().owed());
  }

  private void watch(ServiceHandle h) {
    handle = h;
    long id = memory.local().instance().id();
    if (!health.isEmpty()) {
      health.watch(h.pid(), reason -> post(new Outcome.Unhealthy(id, reason)));
    }
  }

  private void stopInstance(ServiceHandle h, StopPath path) {
    handle = h;
    actions.stop(h, path);
  }

  private void stop(StopPath path) {
    health.unwatch();
    memory = memory.with(memory.local().stopping(path));
    if (handle != null) {
      actions.stop(handle, path);
    }
  }

  private void feed() {
    if (handle != null) {
      handle.feed(budget());
    }
  }

  /** The watchdog budget now: until the local deadline of the last renewal, 0 without a lease. */
  private Duration budget() {
    LocalState l = memory.local();
    long left = l.holding() ? l.budgetLeft(now(), ctx.timings().renewDeadline().toNanos()) : 0;
    return Duration.ofNanos(Math.max(0, left));
  }

  // ---- reporting ----

  private void publish() {
    long n = now();
    MemberReport r = memory.local().report(ctx.node(), spec.name(), n, lastReason);
    if (!r.sameAs(published.report()) || n - published.at() >= REPORT_EVERY_NANOS) {
      ctx.reporter().report(r);
      published = new Published(r, n);
    }
  }

  private long now() {
    return ctx.clock().nanoTime();
  }
}
