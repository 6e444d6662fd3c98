package io.sfc.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sfc.core.model.Directives;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.time.SystemTime;
import io.sfc.time.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link Metastore} adapter must pass, written only against the ports. A
 * subclass provides {@link #open(String)}; each test works in a fresh, random cluster.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class MetastoreContractTest implements StateStoreCases {
  protected static final Duration LONG = Duration.ofSeconds(60);
  protected static final Duration SHORT = Duration.ofMillis(300);
  private static final String SVC = "scheduler";

  private final List<Metastore> opened = Collections.synchronizedList(new ArrayList<>());
  protected String cluster;
  private Metastore store;

  /** Opens a new, independent connection to the metastore for {@code cluster}. */
  protected abstract Metastore open(String cluster) throws MetastoreException;

  /**
   * Opens a connection for {@code cluster} whose event log keeps events as {@code retention} says.
   */
  protected abstract Metastore open(String cluster, EventRetention retention)
      throws MetastoreException;

  /**
   * The schema version recorded for {@code cluster} (JDBC: for the whole database), 0 when none is
   * recorded.
   */
  protected abstract int schemaVersion(String cluster) throws Exception;

  /**
   * Records {@code version} as the schema version of {@code cluster} the way the sfc that writes
   * that version would (JDBC: for the whole database); 0 leaves the layout as an sfc from before
   * recorded schema versions left it.
   */
  protected abstract void setSchemaVersion(String cluster, int version) throws Exception;

  /**
   * Writes, the backend's own raw way and not through this version's writer, the report a newer sfc
   * would write for {@code node} of {@code service}: role {@code role}, state {@code state}, epoch
   * 7, pid 4242, reason "from a newer version" (plus a field this version does not know, where the
   * format has named fields).
   */
  protected abstract void writeNewerMemberReport(
      String cluster, String service, String node, String role, String state) throws Exception;

  /**
   * Writes, the backend's own raw way as an sfc from before issue 16 did, an event with one time
   * only (when it was recorded): {@code node}, {@code service}, epoch 3, kind {@code STOPPED},
   * {@code reason}.
   */
  protected abstract void writeOneTimeEvent(
      String cluster, String service, String node, String reason) throws Exception;

  /**
   * Opens a connection for {@code cluster} whose controller's wall clock is {@code wall}. Adapters
   * that take no wall clock (their times and ages come from the metastore) open as {@link
   * #open(String)}.
   */
  protected Metastore open(String cluster, WallClock wall) throws MetastoreException {
    return open(cluster);
  }

  @BeforeEach
  void freshCluster() throws MetastoreException {
    cluster = randomCluster();
    store = tracked(cluster);
  }

  @AfterEach
  void closeAll() {
    synchronized (opened) {
      opened.forEach(Metastore::close);
      opened.clear();
    }
  }

  protected static String randomCluster() {
    return "c-" + UUID.randomUUID().toString().substring(0, 13);
  }

  /** Opens a metastore that is closed after the test. */
  protected Metastore tracked(String clusterName) throws MetastoreException {
    Metastore m = open(clusterName);
    opened.add(m);
    return m;
  }

  private LeaseStore leases() {
    return store.leases();
  }

  @Override
  public Metastore stateMetastore() {
    return store;
  }

  @Override
  public Metastore sameCluster() throws MetastoreException {
    return tracked(cluster);
  }

  @Override
  public Metastore otherCluster() throws MetastoreException {
    return tracked(randomCluster());
  }

  // ---- leases -------------------------------------------------------------------------------

  @Test
  void acquiresVacantLease() throws Exception {
    Optional<Lease> lease = leases().tryAcquire(SVC, "n1", LONG);

    assertThat(lease).isPresent();
    assertThat(lease.get().service()).isEqualTo(SVC);
    assertThat(lease.get().holder()).isEqualTo("n1");
    assertThat(lease.get().epoch()).isPositive();
  }

  @Test
  void nobodyAcquiresValidLease() throws Exception {
    Lease first = leases().tryAcquire(SVC, "n1", LONG).orElseThrow();

    assertThat(leases().tryAcquire(SVC, "n2", LONG)).isEmpty();
    assertThat(leases().tryAcquire(SVC, "n1", LONG)).as("no re-acquire by the holder").isEmpty();
    assertThat(leases().read(SVC).confirms(first)).isTrue();
  }

  @Test
  void acquiresAfterExpiryWithHigherEpoch() throws Exception {
    Lease first = leases().tryAcquire(SVC, "n1", SHORT).orElseThrow();

    Lease second = awaitAcquire(SVC, "n2", LONG);

    assertThat(second.epoch()).isGreaterThan(first.epoch());
    assertThat(leases().read(SVC).confirms(second)).isTrue();
  }

  @Test
  void renewExtendsLease() throws Exception {
    Lease lease = leases().tryAcquire(SVC, "n1", SHORT).orElseThrow();

    assertThat(leases().renew(lease, LONG)).isTrue();

    assertThat(leases().read(SVC).remaining()).isGreaterThan(Duration.ofSeconds(30));
    assertThat(leases().tryAcquire(SVC, "n2", LONG)).isEmpty();
    assertThat(leases().renew(lease, LONG)).as("renew again").isTrue();
  }

  @Test
  void renewFailsAfterExpiry() throws Exception {
    Lease lease = leases().tryAcquire(SVC, "n1", SHORT).orElseThrow();
    awaitFree(SVC);

    assertThat(leases().renew(lease, LONG)).isFalse();

    assertThat(leases().read(SVC).isFree()).as("expired lease not resurrected").isTrue();
    assertThat(awaitAcquire(SVC, "n2", LONG).epoch()).isGreaterThan(lease.epoch());
  }

  @Test
  void renewFailsUnderWrongHolderEpochOrService() throws Exception {
    Lease lease = leases().tryAcquire(SVC, "n1", LONG).orElseThrow();

    assertThat(leases().renew(new Lease(SVC, "n1", lease.epoch() + 1), LONG)).isFalse();
    assertThat(leases().renew(new Lease(SVC, "n1", lease.epoch() - 1), LONG)).isFalse();
    assertThat(leases().renew(new Lease(SVC, "n2", lease.epoch()), LONG)).isFalse();
    assertThat(leases().renew(new Lease("other", "n1", lease.epoch()), LONG)).isFalse();
    assertThat(leases().renew(lease, LONG)).isTrue();
  }

  @Test
  void releaseFreesLeaseAtOnce() throws Exception {
    Lease first = leases().tryAcquire(SVC, "n1", LONG).orElseThrow();

    assertThat(leases().release(first)).isTrue();

    assertThat(leases().read(SVC).isFree()).isTrue();
    Lease second = leases().tryAcquire(SVC, "n2", LONG).orElseThrow();
    assertThat(second.epoch()).isGreaterThan(first.epoch());
    assertThat(leases().renew(first, LONG)).isFalse();
    assertThat(leases().release(first)).as("second release").isFalse();
  }

  @Test
  void staleReleaseLeavesNewHolderAlone() throws Exception {
    Lease old = leases().tryAcquire(SVC, "n1", LONG).orElseThrow();
    assertThat(leases().release(old)).isTrue();
    Lease current = leases().tryAcquire(SVC, "n1", LONG).orElseThrow();

    assertThat(leases().release(old)).as("same holder, stale epoch").isFalse();

    assertThat(leases().read(SVC).confirms(current)).isTrue();
    assertThat(leases().tryAcquire(SVC, "n2", LONG)).isEmpty();
  }

  @Test
  void readReportsHolderEpochAndRemaining() throws Exception {
    LeaseRecord vacant = leases().read(SVC);
    assertThat(vacant.holder()).isNull();
    assertThat(vacant.epoch()).isZero();
    assertThat(vacant.isFree()).isTrue();

    Lease lease = leases().tryAcquire(SVC, "n1", Duration.ofSeconds(20)).orElseThrow();
    LeaseRecord held = leases().read(SVC);

    assertThat(held.service()).isEqualTo(SVC);
    assertThat(held.holder()).isEqualTo("n1");
    assertThat(held.epoch()).isEqualTo(lease.epoch());
    assertThat(held.remaining()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
    assertThat(held.confirms(lease)).isTrue();

    leases().release(lease);
    LeaseRecord released = leases().read(SVC);
    assertThat(released.isFree()).isTrue();
    assertThat(released.epoch()).isEqualTo(lease.epoch());
    assertThat(released.confirms(lease)).isFalse();
  }

  /**
   * The acquirer tells a planned handover from a failover by this: a released lease reads released
   * (to every connection), an expired one does not, and a new acquisition clears it.
   */
  @Test
  void aReleasedLeaseReadsReleasedAndAnExpiredOneDoesNot() throws Exception {
    LeaseStore other = tracked(cluster).leases();
    Lease first = leases().tryAcquire(SVC, "n1", SHORT).orElseThrow();
    assertThat(other.read(SVC).released()).as("held").isFalse();
    awaitFree(SVC);
    assertThat(other.read(SVC))
        .as("expired")
        .extracting(LeaseRecord::holder, LeaseRecord::released)
        .containsExactly("n1", false);

    Lease second = awaitAcquire(SVC, "n2", LONG);
    assertThat(leases().release(second)).isTrue();
    LeaseRecord released = other.read(SVC);
    assertThat(released.isFree()).isTrue();
    assertThat(released)
        .extracting(LeaseRecord::holder, LeaseRecord::epoch, LeaseRecord::released)
        .containsExactly("n2", second.epoch(), true);

    Lease third = other.tryAcquire(SVC, "n3", SHORT).orElseThrow();
    assertThat(leases().read(SVC).released()).as("held again").isFalse();
    assertThat(third.epoch()).isGreaterThan(first.epoch());
    awaitFree(SVC);
    assertThat(leases().read(SVC))
        .as("expired after a release")
        .extracting(LeaseRecord::holder, LeaseRecord::released)
        .containsExactly("n3", false);
  }

  /**
   * A holder that vanishes (its connection or ZooKeeper session closed, as when its controller is
   * killed) did not release its lease: it must not read released, even where the metastore deletes
   * the lease itself.
   */
  @Test
  void aLeaseWhoseHolderVanishedDoesNotReadReleased() throws Exception {
    Metastore holder = open(cluster);
    holder.leases().tryAcquire(SVC, "n1", SHORT).orElseThrow();
    holder.close();
    awaitFree(SVC);
    assertThat(leases().read(SVC))
        .extracting(LeaseRecord::holder, LeaseRecord::released)
        .containsExactly("n1", false);
  }

  @Test
  void servicesAreIndependent() throws Exception {
    Lease a = leases().tryAcquire("svc-a", "n1", LONG).orElseThrow();
    Lease b = leases().tryAcquire("svc-b", "n2", LONG).orElseThrow();

    assertThat(leases().release(a)).isTrue();

    assertThat(leases().read("svc-b").confirms(b)).isTrue();
    assertThat(leases().read("svc-a").isFree()).isTrue();
  }

  @Test
  void serviceNamesAreCaseSensitive() throws Exception {
    Lease lower = leases().tryAcquire("svc", "n1", LONG).orElseThrow();

    Lease upper = leases().tryAcquire("SVC", "n2", LONG).orElseThrow();

    assertThat(leases().read("svc").confirms(lower)).isTrue();
    assertThat(leases().read("SVC").confirms(upper)).isTrue();
  }

  @Test
  void clustersAreIsolated() throws Exception {
    Metastore other = tracked(randomCluster());
    Lease here = leases().tryAcquire(SVC, "n1", LONG).orElseThrow();

    Lease there = other.leases().tryAcquire(SVC, "n2", LONG).orElseThrow();
    store.events().record(Event.of("n1", SVC, here.epoch(), EventKind.ACQUIRED, "here"));
    store.members().report(report("n1", SVC, Role.LEADER, "here"));

    assertThat(leases().read(SVC).confirms(here)).isTrue();
    assertThat(other.leases().read(SVC).confirms(there)).isTrue();
    assertThat(other.events().recent(10)).isEmpty();
    assertThat(other.members().members()).isEmpty();
  }

  // ---- directives ---------------------------------------------------------------------------

  @Test
  void directivesOfUntouchedServiceAreNone() throws Exception {
    assertThat(store.directives().read(SVC)).isEqualTo(Directives.NONE);
  }

  @Test
  void pausesOneServiceUntilResumed() throws Exception {
    store.directives().pause(SVC, "alice@ops");

    Directives d = store.directives().read(SVC);
    assertThat(d.paused()).isTrue();
    assertThat(d.pausedBy()).isEqualTo("alice@ops");
    assertThat(store.directives().read("other").paused()).as("other service").isFalse();
    Metastore other = tracked(cluster);
    assertThat(other.directives().read(SVC).paused()).as("seen by another node").isTrue();

    store.directives().resume(SVC);
    assertThat(store.directives().read(SVC).paused()).isFalse();
    store.directives().resume(SVC); // a no-op
  }

  @Test
  void clusterPauseCoversEveryServiceAndLeavesServicePauses() throws Exception {
    store.directives().pause(DirectiveStore.ALL, "bob");
    store.directives().pause("svc-b", "carol");

    assertThat(store.directives().read("svc-a")).isEqualTo(new Directives(true, "bob", null));
    assertThat(store.directives().read("svc-b").pausedBy()).isEqualTo("carol");

    store.directives().resume(DirectiveStore.ALL);
    assertThat(store.directives().read("svc-a").paused()).isFalse();
    assertThat(store.directives().read("svc-b").paused())
        .as("a cluster-wide resume leaves a service pause")
        .isTrue();
  }

  @Test
  void pausesAreKeptPerCluster() throws Exception {
    store.directives().pause(DirectiveStore.ALL, "bob");

    Metastore other = tracked(randomCluster());
    assertThat(other.directives().read(SVC).paused()).isFalse();
  }

  @Test
  void switchoverRequestIsStoredAndReplaced() throws Exception {
    store.directives().requestSwitchover(request(7, "n2", "alice"));
    Switchover first = store.directives().read(SVC).switchover();
    assertThat(first.service()).isEqualTo(SVC);
    assertThat(first.from()).isEqualTo("n1");
    assertThat(first.epoch()).isEqualTo(7);
    assertThat(first.to()).isEqualTo("n2");
    assertThat(first.requestedBy()).isEqualTo("alice");

    store.directives().requestSwitchover(request(8, "n3", "bob"));

    Switchover second = tracked(cluster).directives().read(SVC).switchover();
    assertThat(second.epoch()).isEqualTo(8);
    assertThat(second.to()).isEqualTo("n3");
    assertThat(second.requestedBy()).isEqualTo("bob");
    assertThat(store.directives().read("other").switchover()).isNull();
  }

  @Test
  void switchoverIsClearedOnlyForItsEpoch() throws Exception {
    store.directives().requestSwitchover(request(7, "n2", "alice"));

    store.directives().clearSwitchover(SVC, 6);
    assertThat(store.directives().read(SVC).switchover()).as("other epoch").isNotNull();
    store.directives().clearSwitchover("other", 7);
    assertThat(store.directives().read(SVC).switchover()).as("other service").isNotNull();

    store.directives().clearSwitchover(SVC, 7);
    assertThat(store.directives().read(SVC).switchover()).isNull();
    store.directives().clearSwitchover(SVC, 7); // a no-op
  }

  @Test
  void switchoverAgeGrowsOnTheMetastoreClock() throws Exception {
    store.directives().requestSwitchover(request(7, "n2", "alice"));

    Duration young = store.directives().read(SVC).switchover().age();
    assertThat(young).isBetween(Duration.ZERO, Duration.ofSeconds(30));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> store.directives().read(SVC).switchover().age(),
            age -> age.compareTo(young.plusSeconds(1)) >= 0);
    store.directives().requestSwitchover(request(7, "n2", "alice"));
    assertThat(store.directives().read(SVC).switchover().age())
        .as("a new request starts young again")
        .isLessThan(Duration.ofSeconds(2));
  }

  private static Switchover request(long epoch, String to, String by) {
    return new Switchover(SVC, "n1", epoch, to, by, Duration.ZERO);
  }

  // ---- events and members -------------------------------------------------------------------

  @Test
  void eventLogKeepsEventsNewestFirst() throws Exception {
    Instant before = Instant.now().minus(Duration.ofMinutes(5));
    for (int i = 1; i <= 5; i++) {
      store.events().record(Event.of("n" + i, SVC, i, EventKind.values()[i], "reason " + i));
    }

    List<Event> recent = store.events().recent(3);

    assertThat(recent)
        .extracting(Event::reason)
        .containsExactly("reason 5", "reason 4", "reason 3");
    Event newest = recent.get(0);
    assertThat(newest.node()).isEqualTo("n5");
    assertThat(newest.service()).isEqualTo(SVC);
    assertThat(newest.epoch()).isEqualTo(5);
    assertThat(newest.kind()).isEqualTo(EventKind.values()[5]);
    assertThat(newest.at()).isAfter(before).isBefore(Instant.now().plus(Duration.ofMinutes(5)));
    assertThat(recent).extracting(Event::at).isSortedAccordingTo(Collections.reverseOrder());
    assertThat(store.events().recent(100)).hasSize(5);
  }

  @Test
  void eventOfAKindUnknownToThisVersionIsReadByItsRawName() throws Exception {
    store.events().record(Event.of("n1", SVC, 1, EventKind.ACQUIRED, "known"));
    Event future =
        new Event(null, "n2", SVC, 2, EventKind.UNKNOWN, "from a newer version", "FUTURE_KIND");
    store.events().record(future);

    List<Event> recent = store.events().recent(10);

    assertThat(recent).extracting(Event::kindName).containsExactly("FUTURE_KIND", "ACQUIRED");
    assertThat(recent.get(0).kind()).isEqualTo(EventKind.UNKNOWN);
    assertThat(recent.get(0).reason()).isEqualTo("from a newer version");
    assertThat(recent.get(1).kind()).isEqualTo(EventKind.ACQUIRED);
  }

  /**
   * Issue 16: an event queued during a metastore outage is written after events that happened after
   * it. It keeps when it happened, is marked late, and the log orders it by when it happened.
   */
  @Test
  void anEventRecordedLateKeepsWhenItHappenedAndIsOrderedByIt() throws Exception {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Instant stoppedAt = now.minusSeconds(20);
    Instant startedAt = now.minusSeconds(10);
    store.events().record(started("n2", 2).dated(startedAt, 5));
    store.events().record(stopped("n1", 1).dated(stoppedAt, 20_000));
    store.events().record(Event.of("n1", "-", 0, EventKind.METASTORE_REACHABLE, "again"));

    List<Event> recent = store.events().recent(10);

    assertThat(recent)
        .extracting(Event::kindName)
        .containsExactly("METASTORE_REACHABLE", "STARTED", "STOPPED");
    Event stopped = recent.get(2);
    assertThat(stopped.occurredAt()).isEqualTo(stoppedAt);
    assertThat(stopped.delayMs()).isEqualTo(20_000);
    assertThat(stopped.late()).isTrue();
    assertThat(stopped.at()).isAfter(startedAt);
    assertThat(stopped.timesDiffer()).isTrue();
    Event started = recent.get(1);
    assertThat(started.occurredAt()).isEqualTo(startedAt);
    assertThat(started.late()).isFalse();
    Event undated = recent.get(0);
    assertThat(undated.occurredAt()).as("undated: happened when recorded").isEqualTo(undated.at());
  }

  @Test
  void anEventOfAnSfcThatRecordedOneTimeReadsAsHappeningWhenRecorded() throws Exception {
    writeOneTimeEvent(cluster, SVC, "n1", "written by an older sfc");
    // two seconds ahead: the database's clock and this JVM's may round the same instant apart
    store.events().record(started("n2", 4).dated(Instant.now().plusSeconds(2), 3));

    List<Event> recent = store.events().recent(10);

    assertThat(recent).extracting(Event::kindName).containsExactly("STARTED", "STOPPED");
    Event old = recent.get(1);
    assertThat(old)
        .extracting(Event::node, Event::service, Event::epoch, Event::reason)
        .containsExactly("n1", SVC, 3L, "written by an older sfc");
    assertThat(old.at()).isNotNull();
    assertThat(old.occurredAt()).isEqualTo(old.at());
    assertThat(old.delayMs()).isZero();
    assertThat(old.late()).isFalse();
    assertThat(old.timesDiffer()).isFalse();
  }

  private static Event started(String node, long epoch) {
    return Event.of(node, SVC, epoch, EventKind.STARTED, "started on " + node);
  }

  private static Event stopped(String node, long epoch) {
    return Event.of(node, SVC, epoch, EventKind.STOPPED, "killed by its watchdog on " + node);
  }

  // ---- event retention ----------------------------------------------------------------------

  @Test
  void eventLogKeepsTheNewestEventsItsRetentionAllows() throws Exception {
    EventRetention retention = new EventRetention(20, Duration.ofDays(1));
    Metastore m = open(cluster, retention);
    opened.add(m);
    for (int i = 1; i <= 60; i++) {
      m.events().record(Event.of("n1", SVC, i, EventKind.STARTED, "e" + i));
    }

    List<Event> kept = m.events().recent(100);

    assertThat(kept).hasSizeBetween(20, 20 + retention.trimEvery());
    assertThat(kept.get(0).reason()).isEqualTo("e60");
  }

  /** Fewer events than {@code keep} are written: only their age can remove the old ones. */
  @Test
  void eventLogDropsEventsOlderThanItsMaxAge() throws Exception {
    EventRetention retention = new EventRetention(50, Duration.ofSeconds(1));
    Metastore m = open(cluster, retention);
    opened.add(m);
    for (int i = 1; i <= 3; i++) {
      m.events().record(Event.of("n1", SVC, i, EventKind.STARTED, "old " + i));
    }
    int[] written = {3};

    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              m.events().record(Event.of("n1", SVC, 9, EventKind.STARTED, "new"));
              written[0]++;
              return m.events().recent(100).stream().noneMatch(e -> e.reason().startsWith("old"));
            });
    assertThat(written[0]).as("written in all").isLessThan(retention.keep());
    assertThat(m.events().recent(100)).extracting(Event::reason).contains("new");
  }

  // ---- schema versions (rolling upgrades) ------------------------------------------------------

  @Test
  void schemaOfANewerSfcIsRefusedUntilThisControllerIsUpgraded() throws Exception {
    int current = schemaVersion(cluster);
    assertThat(current).as("the version this sfc records").isPositive();
    setSchemaVersion(cluster, current + 1);
    try {
      assertThatThrownBy(() -> tracked(cluster))
          .isInstanceOf(MetastoreException.class)
          .hasMessageContaining(
              "schema version "
                  + (current + 1)
                  + " was created by a newer sfc (this one knows up to "
                  + current
                  + "); upgrade this controller")
          .satisfies(e -> assertThat(((MetastoreException) e).rejected()).isTrue());
    } finally {
      setSchemaVersion(cluster, current);
    }
    assertThat(tracked(cluster).leases().read(SVC).isFree()).isTrue();
  }

  @Test
  void schemaOfAnOlderSfcIsReadAndUpgraded() throws Exception {
    int current = schemaVersion(cluster);
    assertThat(current).as("the version this sfc records").isPositive();
    store.events().record(Event.of("n1", SVC, 1, EventKind.ACQUIRED, "before the upgrade"));
    store.members().report(report("n1", SVC, Role.LEADER, "old report"));
    setSchemaVersion(cluster, current - 1);

    Metastore upgraded = tracked(cluster);

    assertThat(upgraded.events().recent(5))
        .extracting(Event::reason)
        .contains("before the upgrade");
    assertThat(upgraded.members().members())
        .extracting(MemberReport::reason)
        .contains("old report");
    assertThat(schemaVersion(cluster)).isEqualTo(current);
  }

  @Test
  void eventLogKeepsPrefixOfLongReason() throws Exception {
    String reason = "x".repeat(5000);

    store.events().record(Event.of("n1", "-", 0, EventKind.CONTROLLER_STARTED, reason));

    String stored = store.events().recent(1).get(0).reason();
    assertThat(reason).startsWith(stored);
    assertThat(stored.length()).isGreaterThanOrEqualTo(500);
  }

  @Test
  void membersAreUpsertedAndListedByServiceThenNode() throws Exception {
    store.members().report(report("n2", "svc-b", Role.STANDBY, "waiting"));
    store.members().report(report("n1", "svc-b", Role.LEADER, "holding"));
    store.members().report(report("n1", "svc-a", Role.STANDBY, "first"));
    MemberReport updated = report("n1", "svc-a", Role.LEADER, "second");

    store.members().report(updated);
    List<MemberReport> members = store.members().members();

    assertThat(members)
        .extracting(m -> m.service() + "/" + m.node())
        .containsExactly("svc-a/n1", "svc-b/n1", "svc-b/n2");
    assertThat(members.get(0).sameAs(updated)).isTrue();
    assertThat(members)
        .allSatisfy(m -> assertThat(m.age()).isBetween(Duration.ZERO, Duration.ofMinutes(1)));
  }

  @Test
  void memberReportOfARoleAndStateUnknownToThisVersionIsReadByItsRawNames() throws Exception {
    store.members().report(report("n1", SVC, Role.LEADER, "known"));
    writeNewerMemberReport(cluster, SVC, "n2", "FUTURE_ROLE", "HIBERNATING");

    List<MemberReport> members = store.members().members();

    assertThat(members).extracting(MemberReport::node).containsExactly("n1", "n2");
    MemberReport future = members.get(1);
    assertThat(future.role()).isEqualTo(Role.UNKNOWN);
    assertThat(future.serviceState()).isEqualTo(ServiceState.UNKNOWN);
    assertThat(future.roleName()).isEqualTo("FUTURE_ROLE");
    assertThat(future.stateName()).isEqualTo("HIBERNATING");
    assertThat(future)
        .extracting(MemberReport::epoch, MemberReport::pid, MemberReport::reason)
        .containsExactly(7L, 4242L, "from a newer version");
    assertThat(future.age()).isBetween(Duration.ZERO, Duration.ofMinutes(1));
    assertThat(members.get(0).role()).isEqualTo(Role.LEADER);
  }

  /** The ages {@code sfc status} and switchover go by are the metastore's, not the writer's. */
  @ParameterizedTest
  @ValueSource(longs = {-10, 10})
  void memberAgesDoNotDependOnTheWritersWallClock(long skewMinutes) throws Exception {
    Duration skew = Duration.ofMinutes(skewMinutes);
    Metastore writer = open(cluster, () -> SystemTime.WALL.millis() + skew.toMillis());
    opened.add(writer);

    writer.members().report(report("n1", SVC, Role.LEADER, "skewed clock"));

    Duration age = store.members().members().get(0).age();
    assertThat(age).as("age with the writer %s min off", skewMinutes).isLessThan(LONG);
    await()
        .alias("the age grows")
        .atMost(Duration.ofSeconds(20))
        .until(() -> store.members().members().get(0).age(), a -> a.compareTo(age) > 0);
  }

  // ---- clear (sfc clear-metadata) ----------------------------------------------------------

  @Test
  void clearDeletesEventsMembersAndDirectivesButKeepsAHeldLease() throws Exception {
    Lease held = leases().tryAcquire(SVC, "n1", LONG).orElseThrow();
    store.events().record(Event.of("n1", SVC, held.epoch(), EventKind.ACQUIRED, "one"));
    store.events().record(Event.of("n1", SVC, held.epoch(), EventKind.STARTED, "two"));
    store.members().report(report("n1", SVC, Role.LEADER, "holding"));
    store.members().report(report("n2", SVC, Role.STANDBY, "waiting"));
    store.directives().pause(SVC, "ops");
    store.directives().pause(DirectiveStore.ALL, "ops");
    store
        .directives()
        .requestSwitchover(new Switchover(SVC, "n1", held.epoch(), "n2", "ops", Duration.ZERO));

    Metastore.Cleared cleared = store.clear();

    assertThat(cleared).isEqualTo(new Metastore.Cleared(2, 2, 3, 0));
    assertThat(store.events().recent(10)).isEmpty();
    assertThat(store.members().members()).isEmpty();
    assertThat(store.directives().read(SVC)).isEqualTo(Directives.NONE);
    assertThat(leases().read(SVC).confirms(held)).isTrue();
    assertThat(leases().renew(held, LONG)).isTrue();
  }

  @Test
  void clearForgetsTheHolderOfAFreeLeaseAndEpochsKeepIncreasing() throws Exception {
    Lease released = leases().tryAcquire(SVC, "n1", LONG).orElseThrow();
    leases().release(released);
    Lease expired = leases().tryAcquire("other", "n1", SHORT).orElseThrow();
    awaitFree("other");

    Metastore.Cleared cleared = store.clear();

    assertThat(cleared.leases()).isEqualTo(2);
    assertThat(leases().read(SVC).holder()).isNull();
    assertThat(leases().read("other").holder()).isNull();
    assertThat(leases().read(SVC).isFree()).isTrue();
    assertThat(store.clear().leases()).as("nothing left to clear").isZero();
    assertThat(leases().tryAcquire(SVC, "n2", LONG).orElseThrow().epoch())
        .isGreaterThan(released.epoch());
    assertThat(leases().tryAcquire("other", "n2", LONG).orElseThrow().epoch())
        .isGreaterThan(expired.epoch());
  }

  @Test
  void clearLeavesOtherClustersAlone() throws Exception {
    Metastore other = tracked(randomCluster());
    Lease there = other.leases().tryAcquire(SVC, "n1", LONG).orElseThrow();
    other.leases().release(there);
    other.events().record(Event.of("n1", SVC, 1, EventKind.ACQUIRED, "there"));
    other.members().report(report("n1", SVC, Role.STANDBY, "there"));
    other.directives().pause(SVC, "ops");

    store.clear();

    assertThat(other.events().recent(10)).hasSize(1);
    assertThat(other.members().members()).hasSize(1);
    assertThat(other.directives().read(SVC).paused()).isTrue();
    assertThat(other.leases().read(SVC).holder()).isEqualTo("n1");
  }

  // ---- concurrency --------------------------------------------------------------------------

  /** Eight nodes race for a vacant or released lease, round after round: one winner each. */
  @Test
  void exactlyOneOfManyRacingNodesWins() throws Exception {
    int nodes = 8;
    List<Metastore> stores = openMany(nodes);
    CyclicBarrier start = new CyclicBarrier(nodes);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      long lastEpoch = 0;
      for (int round = 0; round < 20; round++) {
        List<Lease> winners = race(pool, stores, start);
        assertThat(winners).as("winners of round %d", round).hasSize(1);
        Lease winner = winners.get(0);
        assertThat(winner.epoch()).isGreaterThan(lastEpoch);
        lastEpoch = winner.epoch();
        assertThat(leases().release(winner)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Lease> race(ExecutorService pool, List<Metastore> stores, CyclicBarrier start)
      throws Exception {
    List<Future<Optional<Lease>>> results = new ArrayList<>();
    for (int i = 0; i < stores.size(); i++) {
      LeaseStore s = stores.get(i).leases();
      String node = "node-" + i;
      results.add(
          pool.submit(
              () -> {
                start.await(30, TimeUnit.SECONDS);
                return s.tryAcquire(SVC, node, LONG);
              }));
    }
    List<Lease> winners = new ArrayList<>();
    for (Future<Optional<Lease>> f : results) {
      f.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
    }
    return winners;
  }

  /**
   * How long {@link #epochsAreUniqueAndOrderedUnderChurn} churns: long enough for more wins than
   * nodes. A backend that rounds TTLs up to whole seconds (etcd) needs longer than the default.
   */
  protected Duration churnDuration() {
    return Duration.ofSeconds(3);
  }

  /** One acquisition seen by a racing node, with the local time span of its call. */
  private record Win(long epoch, String node, long startNanos, long endNanos) {}

  /**
   * Eight nodes race for a short lease for a few seconds, releasing, renewing or letting it expire.
   * Every epoch has one winner, and epochs follow real time: a call that ended before another began
   * got the smaller epoch.
   */
  @Test
  void epochsAreUniqueAndOrderedUnderChurn() throws Exception {
    int nodes = 8;
    List<Metastore> stores = openMany(nodes);
    List<Win> wins = Collections.synchronizedList(new ArrayList<>());
    long deadline = System.nanoTime() + churnDuration().toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        done.add(pool.submit(churn(stores.get(i).leases(), "node-" + i, i, deadline, wins)));
      }
      for (Future<Void> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(wins).hasSizeGreaterThan(nodes);
    assertThat(wins.stream().map(Win::epoch).distinct().count()).isEqualTo(wins.size());
    assertRealTimeOrder(wins);
    long maxEpoch = wins.stream().mapToLong(Win::epoch).max().orElseThrow();
    assertThat(leases().read(SVC).epoch()).isEqualTo(maxEpoch);
  }

  private static Callable<Void> churn(
      LeaseStore s, String node, long seed, long deadline, List<Win> wins) {
    return () -> {
      Random random = new Random(seed);
      while (System.nanoTime() < deadline) {
        long start = System.nanoTime();
        Optional<Lease> lease = s.tryAcquire(SVC, node, Duration.ofMillis(100));
        long end = System.nanoTime();
        if (lease.isPresent()) {
          wins.add(new Win(lease.get().epoch(), node, start, end));
          afterWin(s, lease.get(), random.nextInt(3));
        }
      }
      return null;
    };
  }

  private static void afterWin(LeaseStore s, Lease lease, int choice) throws MetastoreException {
    if (choice == 0) {
      s.release(lease);
    } else if (choice == 1) {
      s.renew(lease, Duration.ofMillis(50));
    }
  }

  private static void assertRealTimeOrder(List<Win> wins) {
    for (Win a : wins) {
      for (Win b : wins) {
        if (a.endNanos() < b.startNanos()) {
          assertThat(a.epoch()).as("%s ended before %s started", a, b).isLessThan(b.epoch());
        }
      }
    }
  }

  private List<Metastore> openMany(int count) throws MetastoreException {
    List<Metastore> stores = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      stores.add(tracked(cluster));
    }
    return stores;
  }

  // ---- model-based random test --------------------------------------------------------------

  /**
   * Random operations by three nodes on two services, each on its own connection, checked step by
   * step against a model. Leases are long, so only acquire and release change validity and the
   * outcome of every operation is determined.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void randomOperationsMatchModel(long seed) throws Exception {
    new LeaseModelRun(new Random(seed), openMany(3)).run(150);
  }

  /** The expected state of one service's lease. */
  private static final class Expected {
    String holder;
    long epoch;
    boolean valid;
  }

  /** One seeded run of {@link #randomOperationsMatchModel}. */
  private static final class LeaseModelRun {
    private final Random random;
    private final List<Metastore> nodes;
    private final Map<String, Expected> expected = new HashMap<>();
    private final Map<String, List<Lease>> seen = new HashMap<>();
    private final Map<String, MemberReport> reports = new HashMap<>();

    LeaseModelRun(Random random, List<Metastore> nodes) {
      this.random = random;
      this.nodes = nodes;
    }

    void run(int steps) throws MetastoreException {
      for (int step = 0; step < steps; step++) {
        int node = random.nextInt(nodes.size());
        String service = "svc-" + random.nextInt(2);
        expected.computeIfAbsent(service, s -> new Expected());
        seen.computeIfAbsent(service, s -> new ArrayList<>());
        step(node, service, random.nextInt(5));
      }
      checkMembers();
    }

    private void step(int node, String service, int op) throws MetastoreException {
      switch (op) {
        case 0 -> acquire(node, service);
        case 1 -> renew(node, service);
        case 2 -> release(node, service);
        case 3 -> read(node, service);
        default -> report(node, service);
      }
    }

    private void acquire(int node, String service) throws MetastoreException {
      Expected e = expected.get(service);
      Optional<Lease> got = store(node).tryAcquire(service, name(node), LONG);
      assertThat(got.isPresent()).as("acquire %s by %s", service, name(node)).isEqualTo(!e.valid);
      if (got.isPresent()) {
        assertThat(got.get().epoch()).isGreaterThan(e.epoch);
        e.holder = name(node);
        e.epoch = got.get().epoch();
        e.valid = true;
        seen.get(service).add(got.get());
      }
    }

    private void renew(int node, String service) throws MetastoreException {
      Lease lease = someLease(node, service);
      boolean ok = store(node).renew(lease, LONG);
      assertThat(ok).as("renew %s", lease).isEqualTo(isCurrent(service, lease));
    }

    private void release(int node, String service) throws MetastoreException {
      Lease lease = someLease(node, service);
      boolean ok = store(node).release(lease);
      assertThat(ok).as("release %s", lease).isEqualTo(isCurrent(service, lease));
      if (ok) {
        expected.get(service).valid = false;
      }
    }

    private void read(int node, String service) throws MetastoreException {
      Expected e = expected.get(service);
      LeaseRecord r = store(node).read(service);
      assertThat(r.isFree()).as("free %s", service).isEqualTo(!e.valid);
      assertThat(r.epoch()).as("epoch %s", service).isEqualTo(e.epoch);
      if (e.valid) {
        assertThat(r.holder()).isEqualTo(e.holder);
      }
    }

    private void report(int node, String service) throws MetastoreException {
      Role role = Role.values()[random.nextInt(Role.values().length)];
      MemberReport r =
          MetastoreContractTest.report(name(node), service, role, "r" + random.nextInt());
      nodes.get(node).members().report(r);
      reports.put(service + "/" + name(node), r);
    }

    private void checkMembers() throws MetastoreException {
      List<MemberReport> listed = nodes.get(0).members().members();
      assertThat(listed).hasSize(reports.size());
      for (MemberReport m : listed) {
        assertThat(m.sameAs(reports.get(m.service() + "/" + m.node()))).as("%s", m).isTrue();
      }
    }

    /** A lease this node got earlier, its latest one, or a forged one. */
    private Lease someLease(int node, String service) {
      List<Lease> mine =
          seen.get(service).stream().filter(l -> l.holder().equals(name(node))).toList();
      long epoch = expected.get(service).epoch;
      return switch (random.nextInt(4)) {
        case 0 -> new Lease(service, name(node), epoch + random.nextInt(3) - 1);
        case 1 ->
            mine.isEmpty()
                ? new Lease(service, name(node), epoch)
                : mine.get(random.nextInt(mine.size()));
        default -> mine.isEmpty() ? new Lease(service, name(node), 0) : mine.get(mine.size() - 1);
      };
    }

    private boolean isCurrent(String service, Lease lease) {
      Expected e = expected.get(service);
      return e.valid && lease.holder().equals(e.holder) && lease.epoch() == e.epoch;
    }

    private LeaseStore store(int node) {
      return nodes.get(node).leases();
    }

    private static String name(int node) {
      return "n" + node;
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  protected static MemberReport report(String node, String service, Role role, String reason) {
    return new MemberReport(
        node, service, role, 7, ServiceState.RUNNING, 4242, reason, Duration.ZERO);
  }

  /** Waits until {@code node} acquires {@code service}, polling, with a deadline. */
  protected Lease awaitAcquire(String service, String node, Duration ttl) {
    AtomicReference<Lease> got = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                leases()
                    .tryAcquire(service, node, ttl)
                    .map(l -> got.compareAndSet(null, l))
                    .orElse(false));
    return got.get();
  }

  private void awaitFree(String service) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> leases().read(service).isFree());
  }
}
