package io.sfc.bench;

import static org.awaitility.Awaitility.await;

import io.sfc.admin.MetastoreAdmin;
import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.runner.local.Ledger;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs one scenario once on a settled cluster: waits until it is settled, injects the fault,
 * measures from the ledger (and, for the restart begun, the controller's log), and waits until the
 * cluster is settled again.
 */
final class ScenarioRunner {
  static final Duration SETTLE = Duration.ofSeconds(90);
  static final Duration TAKEOVER = Duration.ofMillis(BenchCluster.TTL_MS + 20_000);

  /** How long a frozen or cut-off holder stays so: beyond lease_ttl. */
  static final long OUTAGE_MS = BenchCluster.TTL_MS + 2_000;

  private final BenchCluster cluster;
  private final Backend backend;

  ScenarioRunner(BenchCluster cluster, Backend backend) {
    this.cluster = cluster;
    this.backend = backend;
  }

  /** What a fault measured. */
  record Measured(long recoveryMs, long begunMs, long oldEndedMs, String note) {}

  /**
   * One run. When instances overlapped, the result is returned at once: such a cluster does not
   * settle (two instances keep running), so the caller should start a new one.
   */
  RunResult run(Scenario scenario, int run) throws Exception {
    Ledger.Interval holder = cluster.awaitSteady(SETTLE);
    long t0 = System.currentTimeMillis();
    Measured m = inject(scenario, holder, t0);
    long overlap = Overlaps.longestSince(cluster.ledger(), t0);
    if (overlap == 0) {
      cluster.awaitSteady(SETTLE);
    }
    Ledger ledger = cluster.ledger();
    int restarts = (int) ledger.intervals().stream().filter(i -> i.startMillis() >= t0).count();
    return new RunResult(
        backend.name(),
        scenario.key,
        run,
        m.recoveryMs(),
        m.begunMs(),
        m.oldEndedMs(),
        Math.max(overlap, Overlaps.longestSince(ledger, t0)),
        restarts,
        cluster.alerts().since(t0).size(),
        m.note());
  }

  private Measured inject(Scenario s, Ledger.Interval holder, long t0) throws Exception {
    return switch (s) {
      case SERVICE_KILL -> serviceKill(holder, t0);
      case HOLDER_KILL -> holderKill(holder, t0);
      case HOLDER_FREEZE -> holderOut(holder, t0, false);
      case HOLDER_CUT -> holderOut(holder, t0, true);
      case METASTORE_RESTART -> metastoreRestart(t0);
      case SWITCHOVER -> switchover(holder, t0);
    };
  }

  /** (a) SIGKILL of the service process: restarted on the same node, same epoch. */
  private Measured serviceKill(Ledger.Interval holder, long t0) throws Exception {
    ProcessHandle.of(holder.pid()).ifPresent(ProcessHandle::destroyForcibly);
    Ledger.Interval next =
        cluster.awaitInstance(
            i -> i.node().equals(holder.node()) && i.pid() != holder.pid() && i.startMillis() >= t0,
            Duration.ofSeconds(20));
    OptionalLong begun =
        ControllerLog.firstAfter(cluster.log(holder.node()), t0, "restarting service after crash");
    // the restart window is 2 s: let it pass so that the next kill is a first crash again
    awaitUntil(t0 + 2_500);
    String note = next.epoch() == holder.epoch() ? "" : "epoch changed";
    long begunMs = begun.isPresent() ? begun.getAsLong() - t0 : -1;
    return new Measured(next.startMillis() - t0, begunMs, -1, note);
  }

  /** (b) SIGKILL of the holder's controller: another node takes over after the lease expires. */
  private Measured holderKill(Ledger.Interval holder, long t0) throws Exception {
    cluster.signal(holder.node(), "KILL");
    Ledger.Interval next = cluster.awaitInstance(i -> i.epoch() > holder.epoch(), TAKEOVER);
    long oldEnded = cluster.interval(holder.pid()).endMillis() - t0;
    BenchCluster.awaitExit(cluster.controller(holder.node()), 10_000);
    cluster.restartController(holder.node());
    return new Measured(next.startMillis() - t0, -1, oldEnded, nodeNote(holder, next));
  }

  /** (c) SIGSTOP of the holder's controller, (d) holder cut off; both for OUTAGE_MS. */
  private Measured holderOut(Ledger.Interval holder, long t0, boolean cut) throws Exception {
    if (cut) {
      cluster.namespace(holder.node()).cut();
    } else {
      cluster.signal(holder.node(), "STOP");
    }
    try {
      Ledger.Interval next = cluster.awaitInstance(i -> i.epoch() > holder.epoch(), TAKEOVER);
      awaitUntil(t0 + OUTAGE_MS);
      long oldEnded = cluster.interval(holder.pid()).endMillis() - t0;
      return new Measured(next.startMillis() - t0, -1, oldEnded, nodeNote(holder, next));
    } finally {
      if (cut) {
        cluster.namespace(holder.node()).heal();
      } else {
        cluster.signal(holder.node(), "CONT");
      }
    }
  }

  /** (e) The metastore server restarted: time until every controller reports through it again. */
  private Measured metastoreRestart(long t0) throws Exception {
    backend.restart();
    long up = System.currentTimeMillis();
    cluster.reopenWatcher();
    cluster.awaitSteady(SETTLE, up);
    long settled = System.currentTimeMillis() - t0;
    return new Measured(settled, -1, -1, "server down for " + (up - t0) + " ms");
  }

  /**
   * (f) A planned switchover to the next node, requested as {@code sfc switchover} does (through
   * {@link MetastoreAdmin}); recovery is the request to the target's first ledger line.
   */
  private Measured switchover(Ledger.Interval holder, long t0) throws Exception {
    List<String> nodes = BenchCluster.NODES;
    String target = nodes.get((nodes.indexOf(holder.node()) + 1) % nodes.size());
    SfcConfig config = ConfigLoader.load(cluster.config(target));
    MetastoreAdmin.system(config, cluster.watcher()).switchover("scheduler", target, "bench");
    Ledger.Interval next = cluster.awaitInstance(i -> i.epoch() > holder.epoch(), TAKEOVER);
    long oldEnded = cluster.interval(holder.pid()).endMillis() - t0;
    String note = next.node().equals(target) ? "" : "went to " + next.node() + ", not " + target;
    return new Measured(next.startMillis() - t0, -1, oldEnded, note);
  }

  private static String nodeNote(Ledger.Interval holder, Ledger.Interval next) {
    return next.node().equals(holder.node()) ? "same node took over" : "";
  }

  static void awaitUntil(long epochMillis) {
    long left = epochMillis - System.currentTimeMillis();
    if (left > 0) {
      await()
          .atMost(Duration.ofMillis(left + 1_000))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> System.currentTimeMillis() >= epochMillis);
    }
  }
}
