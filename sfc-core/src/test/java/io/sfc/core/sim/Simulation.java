package io.sfc.core.sim;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.Switchover;
import io.sfc.core.model.Timings;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One seeded run: N nodes, the simulated metastore and network, and a sequence of fault episodes
 * drawn from the seed. Episodes do not overlap: the next one starts once the previous one's
 * recovery bound has passed and the service runs. The same seed and configuration always give the
 * same run.
 *
 * <p>Recovery bounds (global time, T = lease_ttl, I = renew_interval, C = metastore call timeout, S
 * = max start latency, d = drift bound, slack = 0.5 s):
 *
 * <ul>
 *   <li>holder lost (controller crash, pause, partition, hung stop): the service runs again by
 *       {@code F + T(1+2d) + I + 3C + S + slack}, F = injection; later if every other node is still
 *       cooling down after a step-down (then from the end of the earliest cool-down);
 *   <li>metastore outage of length D: by {@code max(F + T(1+2d), F + D) + I + 3C + S + slack};
 *   <li>service crash: by {@code F + backoff(max_restarts) + I + 3C + S + slack}, or, if the crash
 *       makes the holder step down, by the same from the earliest time another node may acquire;
 *   <li>clock drift: no outage beyond {@code slack};
 *   <li>start-up: by {@code 1 s + I + 3C + S + slack};
 *   <li>every background noise fault inside a fault's window (lost reply, late commit, duplicate,
 *       timeout) adds one full takeover, {@code T(1+2d) + I + 3C + S + slack}: e.g. an acquisition
 *       whose reply was lost holds the lease for a TTL with nobody running the service, or lost
 *       renewal replies make a holder with a short renew deadline self-fence. Noise counts from one
 *       renew deadline plus one call timeout before the fault.
 * </ul>
 */
final class Simulation {
  static final String SERVICE = "sched";
  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final long SLACK = 500 * MS;
  private static final long MAX_SIM_TIME = 3 * 3600 * S;

  private final long seed;
  private final SimConfig config;
  private final Random rng;
  private final Scheduler scheduler = new Scheduler();
  private final Timeline timeline;
  private final Checker checker;
  private final SimNetwork network;
  private final List<SimNode> nodes = new ArrayList<>();
  private final Map<FaultKind, Integer> injected = new java.util.EnumMap<>(FaultKind.class);
  private int episodesLeft;
  private long endAt = Long.MAX_VALUE;
  private long pids = 1000;
  private int crashesLeft;
  private Checker.Fault lastCrash;
  private final List<Checker.Fault> episode = new ArrayList<>();
  private boolean pauseArmed;
  private boolean compounded;

  Simulation(long seed, SimConfig config) {
    this(seed, config, List.of());
  }

  /**
   * A run whose services may run only on the nodes {@code eligible} ({@code nodes:}); empty for
   * every node.
   */
  Simulation(long seed, SimConfig config, List<String> eligible) {
    this.seed = seed;
    this.config = config;
    this.rng = new Random(seed);
    this.timeline = new Timeline(scheduler, 4000);
    this.checker =
        new Checker(
            timeline, config.timings().renewDeadline().plus(config.callTimeout()).toNanos());
    SimMetastore metastore = new SimMetastore(clock(), timeline);
    this.network = new SimNetwork(scheduler, metastore, rng, config, checker, timeline);
    Timings t = config.timings();
    List<ServiceSpec> specs = new ArrayList<>();
    for (int i = 0; i < config.services(); i++) {
      String name = i == 0 ? SERVICE : SERVICE + "-" + (i + 1);
      specs.add(
          new ServiceSpec(
                  name,
                  List.of("scheduler"),
                  null,
                  Map.of(),
                  "TERM",
                  t.stopTimeout(),
                  config.restart())
              .withNodes(eligible));
    }
    for (int i = 0; i < config.nodes(); i++) {
      nodes.add(new SimNode(nodeId(i), this, clock(), specs));
    }
    this.episodesLeft = config.episodes();
  }

  /** Runs with a configuration drawn from the seed. */
  static SimResult run(long seed) {
    return new Simulation(seed, SimConfig.random(new Random(seed ^ 0x5DEECE66DL))).run();
  }

  /** Node ids as the simulation names them: node-a, node-b, ... */
  static String nodeId(int i) {
    return "node-" + (char) ('a' + i);
  }

  SimResult run() {
    long lastBoot = 0;
    for (SimNode n : nodes) {
      long at = (long) (rng.nextDouble() * S);
      lastBoot = Math.max(lastBoot, at);
      scheduler.at(at, n::boot);
    }
    long bound = S + takeoverSlack();
    checker.fault(FaultKind.STARTUP, "-", 0, bound, perNoise()).to = bound + S;
    scheduler.at(bound + S, this::nextEpisode);
    while (endAt == Long.MAX_VALUE && scheduler.now() < MAX_SIM_TIME) {
      scheduler.runUntil(scheduler.now() + S);
      if (!checker.overlaps().isEmpty()) {
        endAt = scheduler.now();
      }
    }
    scheduler.runUntil(Math.min(endAt, MAX_SIM_TIME));
    checker.evaluate(scheduler.now());
    return new SimResult(
        seed, config, checker, injected, timeline, scheduler.now(), scheduler.executed());
  }

  // ---- shared with nodes ----

  Scheduler scheduler() {
    return scheduler;
  }

  SimConfig config() {
    return config;
  }

  Timeline timeline() {
    return timeline;
  }

  Checker checker() {
    return checker;
  }

  Random rng() {
    return rng;
  }

  SimNetwork network() {
    return network;
  }

  long nextPid() {
    return ++pids;
  }

  /** Called when an instance is spawned: a crash loop crashes it again a little later. */
  void spawned(SimProcess p) {
    if (crashesLeft > 0) {
      scheduler.after(ms(200, 3000), () -> crashAgain(p));
    }
  }

  private DriftClock clock() {
    double r = (rng.nextDouble() * 2 - 1) * config.driftBound();
    long offset = rng.nextLong() >> 4;
    return new DriftClock(scheduler, offset, r);
  }

  // ---- episodes ----

  private void nextEpisode() {
    boolean settled =
        checker.up() && network.healthy() && nodes.stream().allMatch(n -> n.up() && !n.paused());
    if (!settled && scheduler.now() < MAX_SIM_TIME) {
      scheduler.after(500 * MS, this::nextEpisode);
      return;
    }
    if (episodesLeft-- == 0) {
      endAt = scheduler.now() + 5 * S;
      return;
    }
    FaultKind kind = pick();
    injected.merge(kind, 1, Integer::sum);
    episode.clear();
    compounded = false;
    pauseArmed = false;
    if (rng.nextInt(10) < 3) {
      int current = episodesLeft;
      scheduler.after(
          ms(0, 15_000),
          () -> {
            if (episodesLeft == current) {
              compound();
            }
          });
    }
    switch (kind) {
      case CONTROLLER_CRASH -> controllerCrash();
      case CONTROLLER_PAUSE -> pause();
      case PARTITION -> partition(false);
      case HUNG_STOP -> partition(true);
      case METASTORE_OUTAGE -> outage();
      case SERVICE_CRASH -> crashLoop();
      case CLOCK_DRIFT -> drift();
      case MAINTENANCE_PAUSE -> maintenancePause();
      case SWITCHOVER -> switchover();
      case TARGET_UNREACHABLE -> targetUnreachable();
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  /**
   * Whether runs also inject {@link FaultKind#TARGET_UNREACHABLE}, one episode in 15 (default on;
   * {@code -Dsim.targetUnreachable=false} replays the scenarios of the seeds as they were before).
   */
  static final boolean TARGET_UNREACHABLE =
      !"false".equals(System.getProperty("sim.targetUnreachable"));

  private FaultKind pick() {
    if (TARGET_UNREACHABLE && rng.nextInt(15) == 0) {
      return FaultKind.TARGET_UNREACHABLE;
    }
    FaultKind[] kinds = {
      FaultKind.CONTROLLER_CRASH,
      FaultKind.CONTROLLER_CRASH,
      FaultKind.CONTROLLER_PAUSE,
      FaultKind.CONTROLLER_PAUSE,
      FaultKind.PARTITION,
      FaultKind.PARTITION,
      FaultKind.METASTORE_OUTAGE,
      FaultKind.METASTORE_OUTAGE,
      FaultKind.HUNG_STOP,
      FaultKind.SERVICE_CRASH,
      FaultKind.SERVICE_CRASH,
      FaultKind.CLOCK_DRIFT,
      FaultKind.MAINTENANCE_PAUSE,
      FaultKind.SWITCHOVER
    };
    return kinds[rng.nextInt(kinds.length)];
  }

  private void controllerCrash() {
    SimNode n = target();
    long now = scheduler.now();
    Checker.Fault f =
        episodeFault(FaultKind.CONTROLLER_CRASH, n.id(), now, takeover(n), perNoise());
    n.crash();
    long restart = now + ms(500, 30_000);
    scheduler.at(restart, n::boot);
    endEpisode(f, Math.max(f.boundAt, restart));
  }

  /**
   * A node's target host is unreachable for a while. Overlaps are checked; recovery is measured but
   * not bounded (it depends on where the lease goes after the holder steps down).
   */
  private void targetUnreachable() {
    SimNode n = target();
    long now = scheduler.now();
    long d = ms(500, 30_000);
    Checker.Fault f =
        episodeFault(FaultKind.TARGET_UNREACHABLE, n.id(), now, Long.MAX_VALUE, perNoise());
    n.setTargetUnreachable(true);
    scheduler.after(d, () -> n.setTargetUnreachable(false));
    endEpisode(f, takeover(n) + d);
  }

  private void pause() {
    SimNode n = target();
    long now = scheduler.now();
    long d = rng.nextInt(10) < 4 ? ms(100, 5000) : ms(5000, 40_000);
    Checker.Fault f =
        episodeFault(FaultKind.CONTROLLER_PAUSE, n.id(), now, takeover(n), perNoise());
    n.pause(now + d);
    endEpisode(f, Math.max(f.boundAt, now + d));
  }

  private void partition(boolean hungStop) {
    SimNode n = hungStop ? holderOr(nodes.get(0)) : target();
    long now = scheduler.now();
    long d = hungStop ? ms(8000, 30_000) : ms(1000, 40_000);
    FaultKind kind = hungStop ? FaultKind.HUNG_STOP : FaultKind.PARTITION;
    Checker.Fault f = episodeFault(kind, n.id(), now, takeover(n), perNoise());
    timeline.add(
        n.id(),
        "PARTITIONED from the metastore for "
            + d / MS
            + " ms"
            + (hungStop ? "; its service ignores TERM" : ""));
    network.setPartitioned(n.id(), true);
    n.setHungStop(hungStop);
    scheduler.after(
        d,
        () -> {
          network.setPartitioned(n.id(), false);
          timeline.add(n.id(), "partition healed");
        });
    long end = Math.max(f.boundAt, now + d);
    scheduler.at(end, () -> n.setHungStop(false));
    endEpisode(f, end);
  }

  private void outage() {
    long now = scheduler.now();
    long d = ms(500, 30_000);
    long base = Math.max(now + ttl(), now + d);
    long bound = Math.max(base, eligibleAt(null, now)) + takeoverSlack();
    Checker.Fault f = episodeFault(FaultKind.METASTORE_OUTAGE, "-", now, bound, perNoise());
    timeline.add("metastore", "OUTAGE for " + d / MS + " ms");
    network.setOutage(true);
    scheduler.after(
        d,
        () -> {
          network.setOutage(false);
          timeline.add("metastore", "outage over");
        });
    endEpisode(f, Math.max(bound, now + d));
  }

  private void crashLoop() {
    crashesLeft = rng.nextInt(10) < 7 ? 1 : 2 + rng.nextInt(4);
    int episode = episodesLeft;
    crashAgain(checker.running());
    scheduler.after(600 * S, () -> abandonCrashLoop(episode));
  }

  /** A crash loop whose next instance never came: end it so the run goes on (bounds catch it). */
  private void abandonCrashLoop(int episode) {
    if (crashesLeft > 0 && episodesLeft == episode) {
      crashesLeft = 0;
      lastCrash = null;
      nextEpisode();
    }
  }

  /** Crashes {@code p} if it still runs and the loop is not over; otherwise waits for a spawn. */
  private void crashAgain(SimProcess p) {
    if (crashesLeft == 0 || p == null || !p.alive()) {
      return;
    }
    crashesLeft--;
    long now = scheduler.now();
    if (lastCrash != null) {
      lastCrash.to = now;
    }
    SimNode n = p.node();
    boolean stepsDown =
        n.up()
            && n.controller()
                    .state()
                    .crashesSince(n.clock().nanoTime() - config.restart().window().toNanos())
                >= config.restart().maxRestarts();
    long backoff = config.restart().backoffAfter(config.restart().maxRestarts()).toNanos();
    long bound = now + backoff + takeoverSlack();
    if (stepsDown) {
      bound = Math.max(bound, eligibleAt(n, now) + takeoverSlack());
    }
    Checker.Fault f = episodeFault(FaultKind.SERVICE_CRASH, n.id(), now, bound, perNoise());
    lastCrash = f;
    p.crash();
    if (crashesLeft == 0) {
      lastCrash = null;
      endEpisode(f, bound);
    }
  }

  private void drift() {
    boolean metastore = rng.nextInt(nodes.size() + 1) == 0;
    DriftClock c = metastore ? null : nodes.get(rng.nextInt(nodes.size())).clock();
    double rate = (rng.nextDouble() * 2 - 1) * config.driftBound();
    long now = scheduler.now();
    String who = metastore ? "metastore" : nodeOf(c);
    Checker.Fault f = episodeFault(FaultKind.CLOCK_DRIFT, who, now, now + SLACK, perNoise());
    timeline.add(who, String.format("clock rate now %+.4f%%", rate * 100));
    (metastore ? network.metastoreClock() : c).setRate(rate);
    endEpisode(f, now + 10 * S);
  }

  /**
   * An operator pauses the service or the whole cluster for a while; half the time the service
   * crashes meanwhile and must not come back before the resume. Bound: the resume, then a restart
   * after the longest back-off, or, when the crash makes the holder step down, a takeover by a node
   * that may first have to finish its own cool-down.
   */
  private void maintenancePause() {
    long now = scheduler.now();
    long d = ms(1000, 20_000);
    String scope = rng.nextBoolean() ? DirectiveStore.ALL : SERVICE;
    SimProcess p = checker.running();
    boolean crash = p != null && rng.nextBoolean();
    long resumeAt = now + d;
    long backoff = config.restart().backoffAfter(config.restart().maxRestarts()).toNanos();
    long bound = resumeAt + backoff + 2 * takeoverSlack();
    if (crash) {
      // the crash may make the holder step down at the resume; another node may be cooling down
      bound = Math.max(bound, eligibleAt(p.node(), resumeAt) + 2 * takeoverSlack());
    }
    String who = p == null ? "-" : p.node().id();
    Checker.Fault f = episodeFault(FaultKind.MAINTENANCE_PAUSE, who, now, bound, perNoise());
    timeline.add(
        "operator",
        "PAUSE " + scope + " for " + d / MS + " ms" + (crash ? "; the service crashes" : ""));
    operator(ds -> ds.pause(scope, "operator"));
    if (crash) {
      scheduler.after(
          ms(2000, 3000) + config.timings().renewInterval().toNanos(),
          () -> {
            if (p.alive()) {
              timeline.add(p.node().id(), "service crashes while paused");
              p.crash();
            }
          });
    }
    scheduler.at(
        resumeAt,
        () -> {
          timeline.add("operator", "RESUME " + scope);
          operator(ds -> ds.resume(scope));
        });
    endEpisode(f, Math.max(bound, resumeAt + 3 * S));
  }

  /**
   * An operator asks the holder to hand the service to another node (sometimes one cooling down,
   * which then cannot take it: the request goes stale after lease_ttl and anyone takes over).
   * Bound: the stop, a lease_ttl for a stale request, and a takeover.
   */
  private void switchover() {
    long now = scheduler.now();
    String holder = network.metastore().validHolder(SERVICE);
    long epoch = network.metastore().validEpoch(SERVICE);
    List<SimNode> others = nodes.stream().filter(n -> !n.id().equals(holder)).toList();
    long bound = now + config.timings().stopTimeout().toNanos() + ttl() + takeoverSlack();
    Checker.Fault f =
        episodeFault(FaultKind.SWITCHOVER, holder == null ? "-" : holder, now, bound, perNoise());
    if (holder != null && !others.isEmpty()) {
      String to = others.get(rng.nextInt(others.size())).id();
      timeline.add("operator", "SWITCHOVER epoch " + epoch + " from " + holder + " to " + to);
      Switchover request = new Switchover(SERVICE, holder, epoch, to, "operator", Duration.ZERO);
      operator(ds -> ds.requestSwitchover(request));
    }
    endEpisode(f, bound);
  }

  /** An operator's write: straight to the metastore (the operator's own network is not tested). */
  private void operator(OperatorWrite w) {
    try {
      w.run(network.metastore().directives());
    } catch (MetastoreException e) {
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  private interface OperatorWrite {
    void run(DirectiveStore d) throws MetastoreException;
  }

  private String nodeOf(DriftClock c) {
    return nodes.stream().filter(n -> n.clock() == c).findFirst().orElseThrow().id();
  }

  /**
   * A second fault on top of the current episode, to reach states that a quiet cluster never shows
   * (a pause between a start decision and the spawn, a crash during a takeover). Safety is still
   * checked; the episode's recovery bound no longer applies.
   */
  private void compound() {
    compounded = true;
    for (Checker.Fault f : episode) {
      f.boundAt = Long.MAX_VALUE;
    }
    SimNode n = nodes.get(rng.nextInt(nodes.size()));
    long now = scheduler.now();
    switch (rng.nextInt(4)) {
      case 0 -> {
        pauseArmed = true;
        timeline.add("FAULT", "compound: the next node to dispatch an action pauses");
      }
      case 1 -> {
        checker.fault(FaultKind.CONTROLLER_PAUSE, n.id(), now, Long.MAX_VALUE, 0);
        n.pause(now + ms(100, 30_000));
      }
      case 2 -> {
        if (n.up()) {
          checker.fault(FaultKind.CONTROLLER_CRASH, n.id(), now, Long.MAX_VALUE, 0);
          n.crash();
          scheduler.after(ms(500, 20_000), n::boot);
        }
      }
      default -> {
        SimProcess p = checker.running();
        if (p != null) {
          checker.fault(FaultKind.SERVICE_CRASH, p.node().id(), now, Long.MAX_VALUE, 0);
          p.crash();
        }
      }
    }
  }

  /** Records a fault of the current episode; unbounded once a compound fault joined it. */
  private Checker.Fault episodeFault(FaultKind kind, String node, long at, long bound, long noise) {
    Checker.Fault f = checker.fault(kind, node, at, compounded ? Long.MAX_VALUE : bound, noise);
    episode.add(f);
    return f;
  }

  /** Called when {@code node} dispatches an action: an armed pause freezes it right now. */
  void dispatched(SimNode node) {
    if (pauseArmed) {
      pauseArmed = false;
      long now = scheduler.now();
      checker.fault(FaultKind.CONTROLLER_PAUSE, node.id(), now, Long.MAX_VALUE, 0);
      node.pause(now + ms(3000, 40_000));
    }
  }

  private void endEpisode(Checker.Fault f, long end) {
    long next = (end == Long.MAX_VALUE ? scheduler.now() + 120 * S : end) + ms(1000, 8000);
    f.to = next;
    scheduler.at(next, this::nextEpisode);
  }

  // ---- targets and bounds ----

  /** The node running the service (70%), otherwise any node. */
  private SimNode target() {
    SimNode any = nodes.get(rng.nextInt(nodes.size()));
    return rng.nextInt(10) < 7 ? holderOr(any) : any;
  }

  private SimNode holderOr(SimNode fallback) {
    SimProcess p = checker.running();
    return p == null ? fallback : p.node();
  }

  /** The bound after losing {@code lost}: its lease expires, another node takes over. */
  private long takeover(SimNode lost) {
    long now = scheduler.now();
    return Math.max(now + ttl(), eligibleAt(lost, now)) + takeoverSlack();
  }

  /** Earliest time a live node other than {@code except} may acquire (after any cool-down). */
  private long eligibleAt(SimNode except, long now) {
    long best = Long.MAX_VALUE;
    for (SimNode n : nodes) {
      if (n != except && n.up()) {
        best = Math.min(best, Math.max(now, n.cooldownEndGlobal()));
      }
    }
    return best;
  }

  private long ttl() {
    return (long) (config.timings().leaseTtl().toNanos() * (1 + 2 * config.driftBound()));
  }

  /** I + 3C + S + slack: a standby's next round, blocked calls, the start. */
  private long takeoverSlack() {
    Timings t = config.timings();
    long v =
        t.renewInterval().toNanos()
            + 3 * config.callTimeout().toNanos()
            + config.maxStartLatency().toNanos()
            + SLACK;
    return (long) (v * (1 + 2 * config.driftBound()));
  }

  /** A full takeover per noise fault: a lost acquisition or a self-fence after lost renewals. */
  private long perNoise() {
    return ttl() + takeoverSlack();
  }

  private long ms(long lo, long hi) {
    return (lo + (long) (rng.nextDouble() * (hi - lo))) * MS;
  }
}
