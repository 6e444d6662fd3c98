package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
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
import org.junit.jupiter.api.Test;

/**
 * A round steps only the services that are due, so that the metastore reads of a controller grow
 * with its services, not with its services squared; inbox work steps every service.
 */
class ControllerLoopDueTest {
  static final long MS = 1_000_000L;
  long now = 1_000_000 * MS;
  final InMemoryLeaseStore store = new InMemoryLeaseStore(() -> now);
  final List<String> reads = new ArrayList<>();
  final RecordingReports log = new RecordingReports(new ArrayList<>());
  final Reporter reporter = new Reporter(log, log, Runnable::run, 100);
  final ControllerLoop loop = new ControllerLoop("a", reporter, () -> now);

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
            public void stop() {
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
            MetastoreCaller.direct(),
            runner,
            reporter,
            Runnable::run,
            () -> now,
            loop::post);
    ServiceSpec spec =
        new ServiceSpec(
            service,
            List.of("x"),
            null,
            Map.of(),
            "TERM",
            Duration.ofSeconds(2),
            RestartPolicy.DEFAULTS);
    return new ServiceController(ctx, spec);
  }

  @Test
  void stepsOnlyDueServicesUnlessTheInboxHadWork() {
    ServiceController s1 = controller("s1");
    ServiceController s2 = controller("s2");
    loop.add(s1);
    loop.add(s2);

    loop.round();
    assertThat(reads).contains("s1", "s2");
    assertThat(s1.state().holding()).isTrue();
    assertThat(s2.state().holding()).isTrue();
    loop.round(); // the starts' callbacks arrive through the inbox

    reads.clear();
    now += 100 * MS;
    loop.round();
    assertThat(reads).as("nothing is due 100 ms later").isEmpty();

    loop.post(() -> {});
    loop.round();
    assertThat(reads).as("inbox work steps every service").contains("s1", "s2");

    reads.clear();
    now += 100 * MS;
    loop.round();
    assertThat(reads).isEmpty();
    now += s1.nanosUntilDue();
    loop.round();
    assertThat(reads).as("due again after the look interval").contains("s1", "s2");
  }

  @Test
  void aStandbyIsDueOnlyAfterItsLookInterval() throws MetastoreException {
    store.tryAcquire("s1", "b", Duration.ofSeconds(10));
    ServiceController s1 = controller("s1");
    loop.add(s1);

    loop.round();
    loop.round();
    assertThat(s1.state().holding()).isFalse();
    long wait = s1.nanosUntilDue();
    assertThat(wait).isPositive();

    reads.clear();
    now += wait / 2;
    loop.round();
    assertThat(reads).isEmpty();
    now += s1.nanosUntilDue();
    loop.round();
    assertThat(reads).containsExactly("s1");
  }
}
