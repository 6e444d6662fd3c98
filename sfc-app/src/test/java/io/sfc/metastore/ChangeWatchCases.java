package io.sfc.metastore;

import static org.awaitility.Awaitility.await;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.ChangeWatch;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The change watch of a backend that delivers hints (ZooKeeper, etcd): every change of a lease, a
 * pause or a switchover request of the cluster is hinted for its service, a pause of all for {@link
 * ChangeWatch#ALL}; renewals, member reports and events give no hint; a restart of the server is
 * followed by a hint for every service, and changes after it are hinted again.
 *
 * <p>Watch events arrive in the order of the changes, so "no hint for X" is checked by a later
 * change that is hinted: once its hint is there, a hint for X would have been, too.
 */
public interface ChangeWatchCases {
  Duration DEADLINE = Duration.ofSeconds(10);
  Duration TTL = Duration.ofSeconds(30);

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
    String cluster = "w" + UUID.randomUUID().toString().substring(0, 8);
    Watched w = new Watched();
    w.writer = openCluster(cluster);
    w.watched = openCluster(cluster);
    w.watch = w.watched.watch(w.executor);
    Assertions.assertThat(w.watch.delivers()).isTrue();
    w.watch.start(w.hints::add);
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
