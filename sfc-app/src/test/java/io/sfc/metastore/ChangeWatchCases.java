package io.sfc.metastore;

import static org.awaitility.Awaitility.await;

import io.sfc.core.control.ControllerLoop;
import io.sfc.core.control.MetastoreCaller;
import io.sfc.core.control.Reporter;
import io.sfc.core.control.ServiceController;
import io.sfc.core.health.HealthMonitor;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.StopPath;
import io.sfc.core.model.Switchover;
import io.sfc.core.model.Timings;
import io.sfc.core.port.ChangeWatch;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import io.sfc.time.SystemTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The change watch of a backend that delivers hints (ZooKeeper, etcd): every change of a lease, a
 * pause or a switchover request of the cluster is hinted for its service, a pause of all for {@link
 * ChangeWatch#ALL}; renewals, member reports and events give no hint; a restart of the server is
 * followed by a hint for every service, and changes after it are hinted again. End to end, a
 * standby's real {@link ControllerLoop} acts on a hint at once.
 *
 * <p>Watch events arrive in the order of the changes, so "no hint for X" is checked by a later
 * change that is hinted: once its hint is there, a hint for X would have been, too.
 */
public interface ChangeWatchCases {
  Duration DEADLINE = Duration.ofSeconds(10);
  Duration TTL = Duration.ofSeconds(30);

  /** Timings with a renew interval of 10 s, so that a standby reads every 5 s. */
  Timings SLOW =
      new Timings(
          Duration.ofSeconds(60),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(2),
          Duration.ofSeconds(1));

  /** A new connection to the backend's test server for {@code cluster}; the test closes it. */
  Metastore openCluster(String cluster) throws MetastoreException;

  /** Restarts the backend's test server on the same address, keeping its data. */
  void restartServer() throws Exception;

  /** What one test watches: a writer, a watched connection and the hints received. */
  final class Watched implements AutoCloseable {
    final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    final LinkedBlockingQueue<String> hints = new LinkedBlockingQueue<>();
    final List<String> seen = new ArrayList<>();
    Metastore writer;
    Metastore watched;
    ChangeWatch watch;

    /** Waits (with a deadline) for a hint for {@code service}; returns those received before. */
    List<String> awaitHint(String service) {
      List<String> before = new ArrayList<>();
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                String h;
                while ((h = hints.poll()) != null) {
                  seen.add(h);
                  if (h.equals(service)) {
                    return true;
                  }
                  before.add(h);
                }
                return false;
              });
      return before;
    }

    @Override
    public void close() {
      if (watch != null) {
        watch.close();
      }
      executor.shutdownNow();
      writer.close();
      watched.close();
    }
  }

  /** Opens a writer and a watched connection to a new cluster and waits for the first hint. */
  default Watched watched() throws MetastoreException {
    return watched(service -> {});
  }

  /**
   * Like {@link #watched()}, and every hint also goes to {@code alsoTo} (after the first one, which
   * says the watch is established).
   */
  default Watched watched(ChangeWatch.Hints alsoTo) throws MetastoreException {
    String cluster = "w" + UUID.randomUUID().toString().substring(0, 8);
    Watched w = new Watched();
    w.writer = openCluster(cluster);
    w.watched = openCluster(cluster);
    w.watch = w.watched.watch(w.executor);
    Assertions.assertThat(w.watch.delivers()).isTrue();
    w.watch.start(
        service -> {
          w.hints.add(service);
          alsoTo.changed(service);
        });
    w.awaitHint(ChangeWatch.ALL);
    return w;
  }

  @Test
  default void acquisitionAndReleaseAreHinted() throws Exception {
    try (Watched w = watched()) {
      Lease lease = w.writer.leases().tryAcquire("svc", "n1", TTL).orElseThrow();
      w.awaitHint("svc");
      w.writer.leases().release(lease);
      w.awaitHint("svc");
    }
  }

  @Test
  default void pausesAndSwitchoversAreHinted() throws Exception {
    try (Watched w = watched()) {
      w.writer.directives().pause("svc", "ops");
      w.awaitHint("svc");
      w.writer.directives().resume("svc");
      w.awaitHint("svc");
      w.writer.directives().pause(DirectiveStore.ALL, "ops");
      w.awaitHint(ChangeWatch.ALL);
      Lease lease = w.writer.leases().tryAcquire("other", "n1", TTL).orElseThrow();
      w.awaitHint("other");
      w.writer
          .directives()
          .requestSwitchover(
              new Switchover("other", "n1", lease.epoch(), "n2", "ops", Duration.ZERO));
      w.awaitHint("other");
    }
  }

  @Test
  default void renewalsReportsAndEventsAreNotHinted() throws Exception {
    try (Watched w = watched()) {
      Lease lease = w.writer.leases().tryAcquire("svc", "n1", TTL).orElseThrow();
      w.awaitHint("svc");
      w.writer.leases().renew(lease, TTL);
      w.writer
          .members()
          .report(
              new MemberReport(
                  "n1", "svc", Role.LEADER, 1, ServiceState.RUNNING, 42, "r", Duration.ZERO));
      w.writer.events().record(Event.of("n1", "svc", 1, EventKind.STARTED, "started"));
      w.writer.leases().tryAcquire("marker", "n1", TTL).orElseThrow();
      Assertions.assertThat(w.awaitHint("marker")).doesNotContain("svc");
    }
  }

  /**
   * End to end through the real {@link ControllerLoop}: a standby whose renew interval is 10 s
   * reads the lease every 5 s. Right after one of its reads the holder releases; the hint makes it
   * read and acquire at once instead of at its next poll.
   */
  @Test
  default void aStandbyTakesAReleasedLeaseLongBeforeItsNextPoll() throws Exception {
    AtomicReference<ControllerLoop> loop = new AtomicReference<>();
    try (Watched w =
        watched(service -> Optional.ofNullable(loop.get()).ifPresent(l -> l.hint(service)))) {
      Lease held = w.writer.leases().tryAcquire("svc", "n1", SLOW.leaseTtl()).orElseThrow();
      loop.set(standby(w.watched, "n2", "svc"));
      Thread thread = new Thread(loop.get(), "sfc-loop-n2");
      thread.start();
      try {
        ServiceController standby = loop.get().services().get(0);
        await()
            .atMost(DEADLINE)
            .until(standby::lastReason, r -> r.startsWith("standby; lease held by n1"));
        w.writer.leases().release(held);
        await()
            .atMost(Duration.ofSeconds(2))
            .untilAsserted(() -> Assertions.assertThat(standby.state().holding()).isTrue());
        Assertions.assertThat(w.writer.leases().read("svc").holder()).isEqualTo("n2");
      } finally {
        loop.get().shutdown();
        Assertions.assertThat(loop.get().awaitFinished(10, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  /** A loop of {@code node} running a controller of {@code service}, whose starts never exit. */
  private static ControllerLoop standby(Metastore ms, String node, String service) {
    Reporter reporter =
        new Reporter(
            ms.events(),
            ms.members(),
            Runnable::run,
            100,
            SystemTime.MONOTONIC,
            SystemTime.WALL::millis);
    ControllerLoop loop = new ControllerLoop(node, reporter, SystemTime.MONOTONIC);
    NodeRunner runner = (spec, epoch, budget, onExit) -> new ExitOnStop(onExit);
    var ctx =
        new ServiceController.Context(
            node,
            SLOW,
            ms.leases(),
            ms.directives(),
            ms.states(),
            MetastoreCaller.direct(),
            runner,
            reporter,
            Runnable::run,
            SystemTime.MONOTONIC,
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
    loop.add(new ServiceController(ctx, spec, HealthMonitor.none(), true));
    return loop;
  }

  /** A stand-in instance that runs until it is stopped. */
  record ExitOnStop(NodeRunner.ExitListener onExit) implements ServiceHandle {
    @Override
    public long pid() {
      return 1;
    }

    @Override
    public void feed(Duration budget) {}

    @Override
    public void stop(StopPath path, Duration budget) {
      onExit.exited(143);
    }
  }

  @Test
  default void aServerRestartIsFollowedByAHintForAllAndTheWatchGoesOn() throws Exception {
    try (Watched w = watched()) {
      restartServer();
      w.awaitHint(ChangeWatch.ALL);
      await()
          .atMost(DEADLINE)
          .ignoreExceptions()
          .until(() -> w.writer.leases().tryAcquire("svc", "n1", TTL).isPresent());
      w.awaitHint("svc");
    }
  }
}
