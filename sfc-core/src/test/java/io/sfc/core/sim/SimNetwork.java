package io.sfc.core.sim;

import io.sfc.core.model.Directives;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The network between the controllers and the metastore, with its faults: a metastore outage,
 * per-node partitions, and background noise on single calls (a write that commits but whose reply
 * is lost, a call that times out and whose write commits later or never, a write the driver sends
 * twice, a read that times out).
 *
 * <p>Calls complete synchronously, as in the real controller. A call's latency, or the full call
 * timeout when it hangs, does not move time inside the step; it delays the node's next round
 * ({@link SimNode#stall}). This models every call of a step as if it ran at the step's instant and
 * the loop thread were then blocked for the accumulated time — a real, if not the only, schedule.
 */
final class SimNetwork {
  private final Scheduler scheduler;
  private final SimMetastore metastore;
  private final Random rng;
  private final SimConfig config;
  private final Checker checker;
  private final Timeline timeline;
  private final Set<String> partitioned = new HashSet<>();
  private boolean outage;

  SimNetwork(
      Scheduler scheduler,
      SimMetastore metastore,
      Random rng,
      SimConfig config,
      Checker checker,
      Timeline timeline) {
    this.scheduler = scheduler;
    this.metastore = metastore;
    this.rng = rng;
    this.config = config;
    this.checker = checker;
    this.timeline = timeline;
  }

  SimMetastore metastore() {
    return metastore;
  }

  DriftClock metastoreClock() {
    return metastore.clock();
  }

  void setOutage(boolean down) {
    outage = down;
  }

  void setPartitioned(String node, boolean cut) {
    if (cut) {
      partitioned.add(node);
    } else {
      partitioned.remove(node);
    }
  }

  /** True when no outage or partition is in force. */
  boolean healthy() {
    return !outage && partitioned.isEmpty();
  }

  boolean reachable(String node) {
    return !outage && !partitioned.contains(node);
  }

  /** The lease store as seen from {@code node}. */
  LeaseStore storeFor(SimNode node) {
    return new LeaseStore() {
      @Override
      public Optional<Lease> tryAcquire(String service, String holder, Duration ttl)
          throws MetastoreException {
        return call(
            node, service, "acquire", true, () -> metastore.tryAcquire(service, holder, ttl));
      }

      @Override
      public boolean renew(Lease lease, Duration ttl) throws MetastoreException {
        return call(node, lease.service(), "renew", true, () -> metastore.renew(lease, ttl));
      }

      @Override
      public boolean release(Lease lease) throws MetastoreException {
        return call(node, lease.service(), "release", true, () -> metastore.release(lease));
      }

      @Override
      public LeaseRecord read(String service) throws MetastoreException {
        return call(node, service, "read", false, () -> metastore.read(service));
      }
    };
  }

  /** The directives as seen from {@code node}: reads and clears go through the faulty network. */
  DirectiveStore directivesFor(SimNode node) {
    DirectiveStore d = metastore.directives();
    return new DirectiveStore() {
      @Override
      public void pause(String scope, String by) throws MetastoreException {
        call(node, scope, "pause", true, unchecked(() -> d.pause(scope, by)));
      }

      @Override
      public void resume(String scope) throws MetastoreException {
        call(node, scope, "resume", true, unchecked(() -> d.resume(scope)));
      }

      @Override
      public void requestSwitchover(Switchover request) throws MetastoreException {
        call(
            node,
            request.service(),
            "request switchover",
            true,
            unchecked(() -> d.requestSwitchover(request)));
      }

      @Override
      public void clearSwitchover(String service, long epoch) throws MetastoreException {
        call(
            node,
            service,
            "clear switchover",
            true,
            unchecked(() -> d.clearSwitchover(service, epoch)));
      }

      @Override
      public Directives read(String service) throws MetastoreException {
        return call(node, service, "read directives", false, () -> readQuietly(d, service));
      }
    };
  }

  /** A metastore write that cannot fail by itself (the network decides). */
  @FunctionalInterface
  private interface Write {
    void run() throws MetastoreException;
  }

  private static Supplier<Void> unchecked(Write w) {
    return () -> {
      try {
        w.run();
        return null;
      } catch (MetastoreException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static Directives readQuietly(DirectiveStore d, String service) {
    try {
      return d.read(service);
    } catch (MetastoreException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T call(SimNode node, String service, String what, boolean write, Supplier<T> op)
      throws MetastoreException {
    long timeout = config.callTimeout().toNanos();
    if (!reachable(node.id())) {
      boolean hang = rng.nextBoolean();
      node.stall(hang ? timeout : latency());
      throw new MetastoreException(hang ? "no answer in time" : "connection refused");
    }
    double u = rng.nextDouble();
    double p = config.noise();
    if (write && u < p) {
      op.get();
      node.stall(rng.nextBoolean() ? timeout : latency());
      noise(node, service, Noise.LOST_REPLY, what + " committed but its reply was lost");
      throw new MetastoreException("reply lost");
    }
    if (u < 2 * p) {
      node.stall(timeout);
      if (write && rng.nextBoolean()) {
        scheduler.after(timeout / 2 + (long) (rng.nextDouble() * 2 * timeout), op::get);
        noise(node, service, Noise.DELAYED_COMMIT, what + " timed out; it will commit late");
      } else {
        noise(node, service, Noise.TIMED_OUT, what + " timed out and never reached the metastore");
      }
      throw new MetastoreException("no answer in time");
    }
    if (write && u < 3 * p) {
      T result = op.get();
      scheduler.after((long) (rng.nextDouble() * 2 * timeout), op::get);
      noise(node, service, Noise.DUPLICATED_WRITE, what + " sent twice; the copy arrives later");
      node.stall(latency());
      return result;
    }
    node.stall(latency());
    return op.get();
  }

  private long latency() {
    return 1_000_000L + (long) (rng.nextDouble() * config.maxLatency().toNanos());
  }

  /**
   * Records a noise fault. Only noise on the calls of the checked service (or of every service)
   * extends its recovery bound; noise on another service's calls only stalls the shared loop, which
   * the base bound must absorb.
   */
  private void noise(SimNode node, String service, Noise kind, String what) {
    boolean checked = Simulation.SERVICE.equals(service) || DirectiveStore.ALL.equals(service);
    checker.noise(kind, scheduler.now(), checked);
    timeline.add(node.id(), "NOISE " + what);
  }

  /** Background faults on single metastore calls. */
  enum Noise {
    LOST_REPLY,
    DELAYED_COMMIT,
    DUPLICATED_WRITE,
    TIMED_OUT
  }
}
