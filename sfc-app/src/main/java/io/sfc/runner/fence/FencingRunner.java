package io.sfc.runner.fence;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.BudgetExhaustedException;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import io.sfc.runner.ssh.SshException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fencing before start (DESIGN.md §2.5), as a decorator of the real runner: before each start under
 * a new epoch, every other node is fenced ({@link Fencer}: the shim's process group or the detached
 * stop over SSH, or the configured {@code fence_command}), all nodes at once on the given executor,
 * so an unreachable node costs one timeout, not one per node. Each result is recorded as a {@link
 * EventKind#FENCED} or {@link EventKind#FENCE_FAILED} event, then the service starts. Restarts
 * under the same epoch are not fenced again. Runs on the controller's action executor, where
 * blocking I/O is expected; each fence is bounded by its node's command timeout.
 *
 * <p>The watchdog budget given to the real runner is measured when fencing is done (from the
 * controller's renewals meanwhile, see {@link NodeRunner#start(ServiceSpec, long, Supplier,
 * ExitListener)}), so fencing never eats the new instance's budget and the shim's deadline is never
 * later than the controller's. A fixed budget ({@link #start(ServiceSpec, long, Duration,
 * ExitListener)}) is a deadline from the call: fencing then takes its time off it. No budget left
 * after fencing (the lease was not renewed meanwhile) fails the start.
 *
 * <p>A fence of a host that cannot be reached (no connection, refused, host key or login refused)
 * ends at once as {@code unreachable}, with no further wait.
 *
 * <p>{@code fencing: best-effort} logs failures and starts anyway. {@code fencing: required} starts
 * only when every other node was fenced, or — in shim mode only — when the previous holder's lease
 * has provably expired. The proof: the lease store confirms this node's lease at this epoch. The
 * store grants an epoch only when the previous lease was released or had expired on the metastore's
 * clock, and a holder's watchdog shim ends its service within {@code renew_deadline + stop_timeout}
 * of its last renewal, which the start-up check keeps below {@code lease_ttl - safety_margin}. So
 * every instance an earlier holder ran under a shim is gone once a later epoch is confirmed, even
 * on a node that cannot be reached. That proof does not cover a detached service (no watchdog
 * outside its controller's JVM) nor an instance started by hand: for those only a successful fence
 * counts. A refused start throws an {@link IOException}, which the controller counts as a failed
 * start.
 */
public final class FencingRunner implements NodeRunner {
  private static final Logger LOG = LoggerFactory.getLogger(FencingRunner.class);

  private final NodeRunner delegate;
  private final String self;
  private final Fencing policy;
  private final boolean shimMode;
  private final List<Fencer> fencers;
  private final EventLog events;
  private final LeaseStore leases;
  private final MonotonicClock clock;
  private final Executor pool;
  private volatile long fencedEpoch = Long.MIN_VALUE;

  /**
   * @param delegate the runner that starts the service
   * @param self this node's id
   * @param policy off, best-effort or required
   * @param shimMode whether the service runs under the watchdog shim everywhere
   * @param fencers one per other node that can be fenced
   * @param events where each fence result is recorded; should not block for long
   * @param leases read to prove the previous lease expired
   * @param pool runs the fences of one start concurrently; must not reject (e.g. caller-runs)
   */
  public FencingRunner(
      NodeRunner delegate,
      String self,
      Fencing policy,
      boolean shimMode,
      List<Fencer> fencers,
      EventLog events,
      LeaseStore leases,
      MonotonicClock clock,
      Executor pool) {
    this.delegate = Objects.requireNonNull(delegate);
    this.self = Objects.requireNonNull(self);
    this.policy = Objects.requireNonNull(policy);
    this.shimMode = shimMode;
    this.fencers = List.copyOf(fencers);
    this.events = events;
    this.leases = leases;
    this.clock = clock;
    this.pool = Objects.requireNonNull(pool);
  }

  /** A fixed budget: the deadline is {@code budget} from now, whatever fencing takes. */
  @Override
  public ServiceHandle start(ServiceSpec spec, long epoch, Duration budget, ExitListener onExit)
      throws IOException {
    return start(spec, epoch, NodeRunner.fromNow(budget, clock), onExit);
  }

  /**
   * Fences, then starts with {@code budget} as measured after fencing: the controller renews while
   * the fences run, so the new instance gets the whole budget of the latest renewal.
   */
  @Override
  public ServiceHandle start(
      ServiceSpec spec, long epoch, Supplier<Duration> budget, ExitListener onExit)
      throws IOException {
    if (policy == Fencing.OFF || epoch == fencedEpoch || fencers.isEmpty()) {
      return delegate.start(spec, epoch, budget, onExit);
    }
    long t0 = clock.nanoTime();
    List<String> failed = fenceAll(spec, epoch);
    if (!failed.isEmpty() && policy == Fencing.REQUIRED) {
      requireProof(spec, epoch, failed);
    }
    fencedEpoch = epoch;
    Duration left = budget.get();
    if (left.isNegative() || left.isZero()) {
      throw new BudgetExhaustedException(
          "cannot start "
              + spec.name()
              + ": no watchdog budget left after fencing ("
              + (clock.nanoTime() - t0) / 1_000_000
              + " ms): the lease was not renewed meanwhile");
    }
    return delegate.start(spec, epoch, budget, onExit);
  }

  /** Fences every other node at once; returns the failures, one line each, in node order. */
  private List<String> fenceAll(ServiceSpec spec, long epoch) {
    List<CompletableFuture<String>> runs = new ArrayList<>();
    for (Fencer f : fencers) {
      runs.add(CompletableFuture.supplyAsync(() -> fenceOne(f, spec, epoch), pool));
    }
    List<String> failed = new ArrayList<>();
    for (CompletableFuture<String> run : runs) {
      String failure = run.join();
      if (failure != null) {
        failed.add(failure);
      }
    }
    return failed;
  }

  /** Fences one node and records the result; returns null on success, else the failure line. */
  private String fenceOne(Fencer f, ServiceSpec spec, long epoch) {
    try {
      String done = f.fence(spec, epoch);
      record(spec, epoch, EventKind.FENCED, "fenced " + f.node() + ": " + done);
      return null;
    } catch (IOException | RuntimeException e) {
      String line =
          f.node() + ": " + (SshException.unreachable(e) ? "unreachable: " : "") + e.getMessage();
      record(spec, epoch, EventKind.FENCE_FAILED, "fencing " + line);
      LOG.warn("{}: fencing {} failed ({}): {}", spec.name(), f.node(), policy, e.getMessage());
      return line;
    }
  }

  private void requireProof(ServiceSpec spec, long epoch, List<String> failed) throws IOException {
    String why = "fencing: required and " + String.join("; ", failed);
    if (!shimMode) {
      throw refusal(spec, why + " (detached mode: only a successful fence counts)", null);
    }
    try {
      if (!leases.read(spec.name()).confirms(new Lease(spec.name(), self, epoch))) {
        throw refusal(
            spec,
            why + ", and the lease store does not confirm epoch " + epoch + " for " + self,
            null);
      }
    } catch (MetastoreException e) {
      throw refusal(spec, why + ", and the lease cannot be read: " + e.getMessage(), e);
    }
    record(
        spec,
        epoch,
        EventKind.FENCED,
        "starting anyway: this node holds epoch "
            + epoch
            + ", so every earlier lease ended and the earlier holders' watchdogs have stopped their instances");
  }

  private static IOException refusal(ServiceSpec spec, String why, Exception cause) {
    return new IOException("refusing to start " + spec.name() + ": " + why, cause);
  }

  private void record(ServiceSpec spec, long epoch, EventKind kind, String reason) {
    try {
      events.record(Event.of(self, spec.name(), epoch, kind, reason));
    } catch (MetastoreException | RuntimeException e) {
      LOG.warn("{}: cannot record '{}': {}", spec.name(), reason, e.getMessage());
    }
  }
}
