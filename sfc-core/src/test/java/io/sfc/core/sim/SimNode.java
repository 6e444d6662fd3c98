package io.sfc.core.sim;

import io.sfc.core.control.ControllerLoop;
import io.sfc.core.control.InMemoryStateStore;
import io.sfc.core.control.MetastoreCaller;
import io.sfc.core.control.Reporter;
import io.sfc.core.control.ServiceController;
import io.sfc.core.health.HealthMonitor;
import io.sfc.core.model.Event;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.MemberRegistry;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.TargetUnreachableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One master node: its drifting clock, its service processes (which outlive the controller) and the
 * current incarnation of its controller — the real {@link ControllerLoop} with one {@link
 * ServiceController} per service, driven the way {@code ControllerLoop.run()} drives them: a round
 * when the loop's own {@link ControllerLoop#nanosUntilNextDue()} says the next step is due (at
 * least {@link ControllerLoop#MIN_WAIT_NANOS} after the round ended) or when something arrives in
 * the inbox, never while the loop thread is blocked in a metastore call. The first service is the
 * one the checker bounds recovery for; the others share the loop, the network and the faults.
 * Everything of the controller's JVM (rounds, action executor, callbacks) waits while the node is
 * paused and is dropped when the controller crashes.
 */
final class SimNode {
  private static final long POLL_MIN = ControllerLoop.MIN_WAIT_NANOS;

  private final String id;
  private final Simulation sim;
  private final DriftClock clock;
  private final List<ServiceSpec> specs;
  private final List<SimProcess> processes = new ArrayList<>();
  private int incarnation;
  private boolean up;
  private long pausedUntil = Long.MIN_VALUE;
  private boolean hungStop;
  private boolean targetUnreachable;
  private ControllerLoop loop;
  private ServiceController controller;
  private String lastReason = "";
  private long stall;
  private long busyUntil;
  private long nextRoundAt = Long.MAX_VALUE;
  private long roundToken;

  SimNode(String id, Simulation sim, DriftClock clock, List<ServiceSpec> specs) {
    this.id = id;
    this.sim = sim;
    this.clock = clock;
    this.specs = List.copyOf(specs);
  }

  // ---- accessors used by processes and the network ----

  String id() {
    return id;
  }

  DriftClock clock() {
    return clock;
  }

  Scheduler scheduler() {
    return sim.scheduler();
  }

  SimConfig config() {
    return sim.config();
  }

  Timeline timeline() {
    return sim.timeline();
  }

  Checker checker() {
    return sim.checker();
  }

  Random rng() {
    return sim.rng();
  }

  boolean hungStop() {
    return hungStop;
  }

  void setHungStop(boolean hung) {
    hungStop = hung;
  }

  boolean up() {
    return up;
  }

  boolean paused() {
    return now() < pausedUntil;
  }

  /** The controller of the first service (the one recovery is bounded for). */
  ServiceController controller() {
    return controller;
  }

  /** Adds blocking time of the current round (a metastore call's latency or timeout). */
  void stall(long nanos) {
    stall += nanos;
  }

  // ---- lifecycle and faults ----

  /** Starts a fresh controller: new loop, new state, nothing known about earlier instances. */
  void boot() {
    int inc = ++incarnation;
    up = true;
    busyUntil = now();
    nextRoundAt = Long.MAX_VALUE;
    lastReason = "";
    Reporter reporter =
        new Reporter(
            eventLog(), NO_MEMBERS, Runnable::run, 1000, clock, () -> clock.nanoTime() / 1_000_000);
    loop = new ControllerLoop(id, reporter, clock);
    Consumer<Runnable> inbox = task -> post(inc, task);
    var ctx =
        new ServiceController.Context(
            id,
            config().timings(),
            sim.network().storeFor(this),
            sim.network().directivesFor(this),
            new InMemoryStateStore(sim.network().storeFor(this), clock::nanoTime),
            MetastoreCaller.direct(),
            runner(),
            reporter,
            executor(inc),
            clock,
            inbox);
    for (ServiceSpec spec : specs) {
      loop.add(new ServiceController(ctx, spec, HealthMonitor.none(), true));
    }
    controller = loop.services().get(0);
    timeline().add(id, "controller STARTED (incarnation " + inc + ")");
    requestRound(now());
  }

  /** The controller's JVM dies: its state is gone and every shim sees its feed pipe close. */
  void crash() {
    up = false;
    incarnation++;
    timeline().add(id, "controller CRASHED");
    for (SimProcess p : List.copyOf(processes)) {
      p.feedClosed();
    }
  }

  /**
   * The host this node's controller runs its services on becomes unreachable (or reachable again):
   * starts fail with {@link TargetUnreachableException}, and the channels to the running instances
   * are lost silently, so each runs until its shim's last budget is spent.
   */
  void setTargetUnreachable(boolean unreachable) {
    targetUnreachable = unreachable;
    timeline().add(id, "target host " + (unreachable ? "UNREACHABLE" : "reachable again"));
    if (unreachable) {
      for (SimProcess p : List.copyOf(processes)) {
        p.channelLost();
      }
    }
  }

  /** Freezes the controller's JVM until {@code until} (global); its shims keep their timers. */
  void pause(long until) {
    pausedUntil = until;
    timeline().add(id, "controller PAUSED for " + (until - now()) / 1_000_000 + " ms");
  }

  /** The live instance of the first service on this node, or null. */
  SimProcess running() {
    for (SimProcess p : processes) {
      if (p.alive() && p.service().equals(specs.get(0).name())) {
        return p;
      }
    }
    return null;
  }

  /** End of this controller's step-down cool-down in global time; 0 when not cooling down. */
  long cooldownEndGlobal() {
    if (!up) {
      return Long.MAX_VALUE;
    }
    long until = controller.state().cooldownUntil();
    return until == Long.MIN_VALUE || until <= clock.nanoTime() ? 0 : clock.globalAt(until);
  }

  // ---- the controller's JVM ----

  /** Runs {@code task} of incarnation {@code inc} at {@code at}, later if the JVM is paused. */
  private void jvm(int inc, long at, Runnable task) {
    scheduler()
        .at(
            at,
            () -> {
              if (inc != incarnation || !up) {
                return;
              }
              if (now() < pausedUntil) {
                jvm(inc, pausedUntil, task);
                return;
              }
              task.run();
            });
  }

  private void post(int inc, Runnable task) {
    if (inc != incarnation || !up) {
      return;
    }
    loop.post(task);
    requestRound(Math.max(now(), busyUntil));
  }

  private void requestRound(long at) {
    if (at >= nextRoundAt) {
      return;
    }
    nextRoundAt = at;
    long token = ++roundToken;
    jvm(incarnation, at, () -> round(token));
  }

  /** One {@code ControllerLoop} round, then the wait of {@code awaitNext()}. */
  private void round(long token) {
    if (token != roundToken) {
      return;
    }
    nextRoundAt = Long.MAX_VALUE;
    stall = 0;
    loop.round();
    String reason = controller.lastReason();
    if (!reason.equals(lastReason)) {
      lastReason = reason;
      timeline().add(id, "decides: " + reason);
    }
    busyUntil = now() + clock.globalDuration(stall);
    long wait = clock.globalDuration(loop.nanosUntilNextDue());
    requestRound(Math.max(now() + wait, busyUntil + POLL_MIN));
  }

  private Executor executor(int inc) {
    return task -> {
      sim.dispatched(this);
      long delay = (long) (rng().nextDouble() * config().maxStartLatency().toNanos());
      jvm(inc, now() + POLL_MIN + delay, task);
    };
  }

  private NodeRunner runner() {
    return (s, epoch, budget, onExit) -> {
      if (targetUnreachable) {
        throw new TargetUnreachableException(
            "sim: the target host of " + id + " is unreachable", null);
      }
      SimProcess p = new SimProcess(this, s.name(), sim.nextPid(), epoch, onExit);
      processes.removeIf(old -> !old.alive());
      processes.add(p);
      timeline()
          .add(
              id,
              (s.name().equals(specs.get(0).name()) ? "service" : s.name())
                  + " pid "
                  + p.pid()
                  + " SPAWNED at epoch "
                  + epoch
                  + ", budget "
                  + budget.toMillis()
                  + " ms");
      checker().spawned(p, now());
      p.feed(budget);
      if (s.name().equals(specs.get(0).name())) {
        sim.spawned(p);
      }
      return p;
    };
  }

  private EventLog eventLog() {
    return new EventLog() {
      @Override
      public void record(Event e) {
        timeline().add(id, e.kind() + " epoch " + e.epoch() + ": " + e.reason());
      }

      @Override
      public List<Event> recent(int limit) {
        return List.of();
      }
    };
  }

  private static final MemberRegistry NO_MEMBERS =
      new MemberRegistry() {
        @Override
        public void report(MemberReport report) {}

        @Override
        public List<MemberReport> members() {
          return List.of();
        }
      };

  private long now() {
    return scheduler().now();
  }
}
