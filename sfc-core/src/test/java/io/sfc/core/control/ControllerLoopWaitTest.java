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
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * {@link ControllerLoop#run()} with an injected {@link ControllerLoop.Waiter} on a manual clock:
 * the loop waits exactly until its first service is due, and a task that ends the wait steps every
 * service in the round it starts.
 */
class ControllerLoopWaitTest {
  static final long MS = 1_000_000L;
  long now = 1_000_000 * MS;
  final InMemoryLeaseStore store = new InMemoryLeaseStore(() -> now);
  final List<String> reads = new ArrayList<>();
  final List<Long> waits = new ArrayList<>();
  final RecordingReports log = new RecordingReports(new ArrayList<>());
  final Reporter reporter = new Reporter(log, log, Runnable::run, 100);
  ControllerLoop loop;

  /** What the fake waiter does on its n-th wait, after the inbox is empty. */
  interface Script {
    Runnable onWait(int n, long nanos);
  }

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

  void add(String service) {
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
    loop.add(
        new ServiceController(
            ctx,
            new ServiceSpec(
                service,
                List.of("x"),
                null,
                Map.of(),
                "TERM",
                Duration.ofSeconds(2),
                RestartPolicy.DEFAULTS)));
  }

  @Test
  void waitsUntilTheFirstServiceIsDue() {
    loop =
        new ControllerLoop(
            "a",
            reporter,
            () -> now,
            waiter(
                (n, nanos) -> {
                  now += nanos;
                  if (n == 6) {
                    loop.shutdown();
                  }
                  return null;
                }));
    add("s1");
    loop.run();
    long look = Timings.DEFAULTS.renewInterval().toNanos() / 2;
    assertThat(waits.subList(0, 5)).containsOnly(look);
    assertThat(loop.services().get(0).isDone()).isTrue();
  }

  @Test
  void aTaskThatEndsTheWaitStepsEveryService() {
    List<String> readInTheWokenRound = new ArrayList<>();
    loop =
        new ControllerLoop(
            "a",
            reporter,
            () -> now,
            waiter(
                (n, nanos) -> {
                  if (n == 1) {
                    now += nanos / 2; // nothing is due yet
                    reads.clear();
                    return () -> {};
                  }
                  if (n == 2) {
                    readInTheWokenRound.addAll(reads);
                    loop.shutdown();
                  }
                  now += nanos;
                  return null;
                }));
    add("s1");
    add("s2");
    loop.run();
    assertThat(readInTheWokenRound).containsExactly("s1", "s2");
  }
}
