package io.sfc.core.control;

import io.sfc.core.health.HealthMonitor;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.model.Timings;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;

/**
 * What the loop tests share: a manual clock, an in-memory lease store that counts reads and
 * renewals per service, and controllers whose service exits on stop.
 */
abstract class LoopFixture {
  static final long MS = 1_000_000L;
  long now = 1_000_000 * MS;
  final InMemoryLeaseStore store = new InMemoryLeaseStore(() -> now);
  final List<String> reads = new ArrayList<>();
  final List<String> renewals = new ArrayList<>();

  /** How the controllers call the metastore; a test may replace it before adding controllers. */
  MetastoreCaller caller = MetastoreCaller.direct();

  final RecordingReports log = new RecordingReports(new ArrayList<>());
  final Reporter reporter = new Reporter(log, log, Runnable::run, 100, () -> 0L, () -> 0L);

  /** The store, counting reads per service. */
  final LeaseStore counting =
      new LeaseStore() {
        @Override
        public Optional<Lease> tryAcquire(String service, String node, Duration ttl)
            throws MetastoreException {
          return store.tryAcquire(service, node, ttl);
        }

        @Override
        public boolean renew(Lease lease, Duration ttl) throws MetastoreException {
          renewals.add(lease.service());
          return store.renew(lease, ttl);
        }

        @Override
        public boolean release(Lease lease) throws MetastoreException {
          return store.release(lease);
        }

        @Override
        public LeaseRecord read(String service) throws MetastoreException {
          reads.add(service);
          return store.read(service);
        }
      };

  final NodeRunner runner =
      (spec, epoch, budget, onExit) ->
          new ServiceHandle() {
            @Override
            public long pid() {
              return 42;
            }

            @Override
            public void feed(Duration b) {}

            @Override
            public void stop(StopPath path, Duration budget) {
              onExit.exited(143);
            }
          };

  ServiceController controller(String service) {
    var ctx =
        new ServiceController.Context(
            "a",
            Timings.DEFAULTS,
            counting,
            new InMemoryDirectiveStore(() -> now),
            new InMemoryStateStore(counting, () -> now),
            caller,
            runner,
            reporter,
            Runnable::run,
            () -> now,
            loop()::post);
    ServiceSpec spec =
        new ServiceSpec(
            service,
            List.of("x"),
            null,
            Map.of(),
            "TERM",
            Duration.ofSeconds(2),
            RestartPolicy.DEFAULTS);
    return new ServiceController(ctx, spec, HealthMonitor.none(), true);
  }

  final List<Long> waits = new ArrayList<>();

  /** What the fake waiter does on its n-th wait, after the inbox is empty. */
  interface Script {
    Runnable onWait(int n, long nanos);
  }

  /** A waiter that runs what is queued first, else records the wait and follows {@code script}. */
  ControllerLoop.Waiter waiter(Script script) {
    return new ControllerLoop.Waiter() {
      int n;

      @Override
      public Runnable await(BlockingQueue<Runnable> inbox, long nanos) {
        Runnable queued = inbox.poll();
        if (queued != null) {
          return queued;
        }
        waits.add(nanos);
        return script.onWait(++n, nanos);
      }
    };
  }

  /** The loop under test; controllers post to it. */
  abstract ControllerLoop loop();
}
