package io.sfc.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.Metastore;
import io.sfc.metastore.factory.Metastores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin's checks and its handoff wait, against a real (H2) metastore. */
class MetastoreAdminTest {
  static final String SVC = "scheduler";
  static final Duration TTL = Duration.ofSeconds(10);

  @TempDir Path dir;
  SfcConfig config;
  Metastore ms;
  long now = 1_000_000_000L;
  final List<Duration> sleeps = new ArrayList<>();
  Runnable onSleep = () -> {};
  MetastoreAdmin admin;

  @BeforeEach
  void open() throws Exception {
    config = config("lease_ttl: 10s");
    ms = Metastores.open(config);
    admin = admin(config);
  }

  SfcConfig config(String ttlLine) throws Exception {
    return ConfigLoader.parse(yaml(ttlLine), dir.resolve("sfc.yaml"), Map.of());
  }

  String yaml(String ttlLine) {
    return String.join(
        "\n",
        "cluster: admin-test",
        "nodes:",
        "  - {id: a, host: 127.0.0.1}",
        "  - {id: b, host: 127.0.0.1}",
        "  - {id: c, host: 127.0.0.1}",
        "metastore:",
        "  type: h2",
        "  path: " + dir.resolve("meta"),
        "timings:",
        "  " + ttlLine,
        "services:",
        "  - name: scheduler",
        "    command: [/bin/true]",
        "  - name: beat",
        "    command: [/bin/true]",
        "");
  }

  MetastoreAdmin admin(SfcConfig c) {
    return new MetastoreAdmin(
        c,
        ms,
        () -> now,
        d -> {
          sleeps.add(d);
          now += d.toNanos();
          onSleep.run();
        });
  }

  @AfterEach
  void close() {
    ms.close();
  }

  Lease holder(String node) throws Exception {
    Lease l = ms.leases().tryAcquire(SVC, node, TTL).orElseThrow();
    report(node, Role.LEADER, l.epoch(), ServiceState.RUNNING);
    return l;
  }

  void report(String node, Role role, long epoch, ServiceState state) throws Exception {
    ms.members().report(new MemberReport(node, SVC, role, epoch, state, 0, "r", Duration.ZERO));
  }

  @Test
  void switchoverToANamedStandbyStoresTheRequestForTheHoldersEpoch() throws Exception {
    Lease a = holder("a");
    report("b", Role.STANDBY, 0, ServiceState.STOPPED);

    SwitchoverTicket t = admin.switchover(SVC, "b", "ops@host");

    assertThat(t).isEqualTo(new SwitchoverTicket(SVC, "a", a.epoch(), "b", now));
    Switchover stored = ms.directives().read(SVC).switchover();
    assertThat(stored.from()).isEqualTo("a");
    assertThat(stored.epoch()).isEqualTo(a.epoch());
    assertThat(stored.to()).isEqualTo("b");
    assertThat(stored.requestedBy()).isEqualTo("ops@host");
  }

  @Test
  void withoutATargetTheFreshestHealthyStandbyIsChosen() throws Exception {
    holder("a");
    report("b", Role.COOLDOWN, 0, ServiceState.STOPPED);
    report("c", Role.STANDBY, 0, ServiceState.STOPPED);

    assertThat(admin.switchover(SVC, null, "ops").to()).isEqualTo("c");
  }

  @Test
  void refusesWhenNoStandbyIsHealthyAndSaysWhyForEachNode() throws Exception {
    holder("a");
    report("b", Role.COOLDOWN, 0, ServiceState.STOPPED);

    assertThatThrownBy(() -> admin.switchover(SVC, null, "ops"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("no healthy standby for scheduler (held by a)")
        .hasMessageContaining("b: it is COOLDOWN")
        .hasMessageContaining("c: it never reported");
    assertThat(ms.directives().read(SVC).switchover()).isNull();
  }

  @Test
  void refusesUnknownServiceUnknownNodeAndTheHolderItself() throws Exception {
    holder("a");
    assertThatThrownBy(() -> admin.switchover("nope", "b", "ops"))
        .hasMessage("unknown service 'nope'; configured services: scheduler, beat");
    assertThatThrownBy(() -> admin.switchover(SVC, "zz", "ops"))
        .hasMessage("unknown node 'zz'; configured nodes: a, b, c");
    assertThatThrownBy(() -> admin.switchover(SVC, "a", "ops"))
        .hasMessageStartingWith("a already holds scheduler");
    assertThatThrownBy(() -> admin.switchover(null, "b", "ops"))
        .hasMessageContaining("name one with --service");
  }

  @Test
  void refusesWithoutAHolder() throws Exception {
    assertThatThrownBy(() -> admin.switchover(SVC, "b", "ops"))
        .isInstanceOf(AdminException.class)
        .hasMessage("cannot switch over scheduler: no node holds its lease (vacant)");
  }

  @Test
  void refusesWhilePaused() throws Exception {
    holder("a");
    report("b", Role.STANDBY, 0, ServiceState.STOPPED);
    admin.pause(DirectiveStore.ALL, "ops");

    assertThatThrownBy(() -> admin.switchover(SVC, "b", "ops"))
        .hasMessage(
            "cannot switch over scheduler: it is paused (by ops); resume it first with 'sfc"
                + " resume'");
  }

  @Test
  void refusesATargetWhoseReportIsStale() throws Exception {
    MetastoreAdmin shortTtl =
        admin(
            config(
                "lease_ttl: 2s\n  renew_interval: 200ms\n  renew_deadline: 600ms\n"
                    + "  stop_timeout: 500ms\n  safety_margin: 200ms"));
    holder("a");
    report("b", Role.STANDBY, 0, ServiceState.STOPPED);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> shortTtl.switchover(SVC, "b", "ops"))
                    .isInstanceOf(AdminException.class)
                    .hasMessageContaining("b is not a healthy candidate for scheduler:")
                    .hasMessageContaining("old (lease_ttl 2s); its controller may be down"));
  }

  /** A step of a scripted handoff, run on one of the wait's sleeps. */
  interface Step {
    void run() throws Exception;
  }

  /** Runs {@code steps.get(n)} on the wait's n-th sleep. */
  void onSleeps(Map<Integer, Step> steps) {
    onSleep =
        () -> {
          try {
            Step step = steps.get(sleeps.size());
            if (step != null) {
              step.run();
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
  }

  /** a releases, b acquires and reports {@code state}. */
  void takeOver(Lease a, ServiceState state) throws Exception {
    ms.leases().release(a);
    Lease b = ms.leases().tryAcquire(SVC, "b", TTL).orElseThrow();
    report("b", Role.LEADER, b.epoch(), state);
  }

  void targetReports(ServiceState state) throws Exception {
    report("b", Role.LEADER, ms.leases().read(SVC).epoch(), state);
  }

  @Test
  void awaitHandoffMeasuresUntilTheTargetRunsUnderANewerEpoch() throws Exception {
    Lease a = holder("a");
    report("b", Role.STANDBY, 0, ServiceState.STOPPED);
    SwitchoverTicket t = admin.switchover(SVC, "b", "ops");
    onSleeps(
        Map.of(
            2, () -> takeOver(a, ServiceState.STARTING),
            4, () -> targetReports(ServiceState.RUNNING)));

    HandoffResult r = admin.awaitHandoff(t, Duration.ofSeconds(30));

    assertThat(r.completed()).isTrue();
    assertThat(r.holder()).isEqualTo("b");
    assertThat(r.epoch()).isGreaterThan(a.epoch());
    assertThat(r.elapsed()).isEqualTo(MetastoreAdmin.POLL.multipliedBy(4));
  }

  /**
   * The target runs, then its instance ends before its start grace (1 s): the switchover fails
   * instead of reporting success.
   */
  @Test
  void awaitHandoffFailsWhenTheTargetsInstanceEndsWithinItsGrace() throws Exception {
    Lease a = holder("a");
    report("b", Role.STANDBY, 0, ServiceState.STOPPED);
    SwitchoverTicket t = admin.switchover(SVC, "b", "ops");
    onSleeps(
        Map.of(
            1, () -> takeOver(a, ServiceState.RUNNING),
            5, () -> targetReports(ServiceState.STOPPED)));

    HandoffResult r = admin.awaitHandoff(t, Duration.ofSeconds(30));

    assertThat(r.completed()).isFalse();
    assertThat(r.failure()).isEqualTo("its instance (pid 0) is STOPPED");
    assertThat(r.elapsed()).isEqualTo(MetastoreAdmin.POLL);
    assertThat(sleeps).hasSize(5);
  }

  /** Lease handoff from the poll, service gap from the STOPPED and STARTED events. */
  @Test
  void awaitHandoffReportsTheLeaseHandoffAndTheServiceGap() throws Exception {
    Lease a = holder("a");
    report("b", Role.STANDBY, 0, ServiceState.STOPPED);
    SwitchoverTicket t = admin.switchover(SVC, "b", "ops");
    onSleeps(
        Map.of(
            1,
            () -> {
              ms.events().record(new Event(null, "a", SVC, a.epoch(), EventKind.STOPPED, "s"));
              takeOver(a, ServiceState.STARTING);
            },
            3,
            () -> {
              long epoch = ms.leases().read(SVC).epoch();
              ms.events().record(new Event(null, "b", SVC, epoch, EventKind.STARTED, "s"));
              targetReports(ServiceState.RUNNING);
            }));

    HandoffResult r = admin.awaitHandoff(t, Duration.ofSeconds(30));

    assertThat(r.completed()).isTrue();
    assertThat(r.leaseHandoff()).isEqualTo(MetastoreAdmin.POLL);
    assertThat(r.elapsed()).isEqualTo(MetastoreAdmin.POLL.multipliedBy(3));
    List<Event> events = ms.events().recent(10);
    Duration expected = Duration.between(events.get(1).at(), events.get(0).at());
    assertThat(r.serviceGap()).isEqualTo(expected);
    assertThat(expected.isNegative()).isFalse();
    assertThat(sleeps.size()).isGreaterThanOrEqualTo(3 + 20);
  }

  @Test
  void awaitHandoffGivesUpAtTheTimeout() throws Exception {
    Lease a = holder("a");
    report("b", Role.STANDBY, 0, ServiceState.STOPPED);
    SwitchoverTicket t = admin.switchover(SVC, "b", "ops");

    HandoffResult r = admin.awaitHandoff(t, Duration.ofSeconds(1));

    assertThat(r.completed()).isFalse();
    assertThat(r.holder()).isEqualTo("a");
    assertThat(r.epoch()).isEqualTo(a.epoch());
    assertThat(r.elapsed()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void pauseAndResumeAcceptAServiceOrTheWholeCluster() throws Exception {
    admin.pause(SVC, "ops");
    assertThat(admin.status().services())
        .extracting(s -> s.directives().paused())
        .containsExactly(true, false);
    admin.resume(SVC);
    admin.pause("*", "ops");
    assertThat(admin.status().services()).allMatch(s -> s.directives().paused());
    admin.resume(null);
    assertThat(admin.status().services()).noneMatch(s -> s.directives().paused());
    assertThatThrownBy(() -> admin.pause("nope", "ops"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("unknown service 'nope'");
  }

  @Test
  void statusListsEveryConfiguredServiceWithItsLeaseAndReports() throws Exception {
    holder("a");
    report("b", Role.STANDBY, 0, ServiceState.STOPPED);

    ClusterView v = admin.status();

    assertThat(v.cluster()).isEqualTo("admin-test");
    assertThat(v.metastore()).startsWith("h2");
    assertThat(v.services()).extracting(ServiceView::service).containsExactly(SVC, "beat");
    ServiceView s = v.services().get(0);
    assertThat(s.lease().holder()).isEqualTo("a");
    assertThat(s.members()).extracting(MemberReport::node).containsExactly("a", "b");
    assertThat(v.services().get(1).lease().holder()).isNull();
  }

  @Test
  void placementExcludesNodesFromSwitchoverAndLabelsThemInStatus() throws Exception {
    String yaml =
        yaml("lease_ttl: 10s")
            .replace("{id: c, host: 127.0.0.1}", "{id: c, host: 127.0.0.1, candidate: false}")
            .replaceFirst("(command: \\[/bin/true\\])", "$1\n    nodes: [a, c]");
    MetastoreAdmin placed = admin(ConfigLoader.parse(yaml, dir.resolve("sfc.yaml"), Map.of()));
    holder("a");
    report("b", Role.STANDBY, 0, ServiceState.STOPPED);
    report("c", Role.STANDBY, 0, ServiceState.STOPPED);

    assertThatThrownBy(() -> placed.switchover(SVC, "b", "ops"))
        .isInstanceOf(AdminException.class)
        .hasMessage("b cannot take scheduler: not eligible: service scheduler runs only on a, c");
    assertThatThrownBy(() -> placed.switchover(SVC, "c", "ops"))
        .isInstanceOf(AdminException.class)
        .hasMessage(
            "c cannot take scheduler: not a candidate: node c has candidate: false and runs no"
                + " service");
    assertThatThrownBy(() -> placed.switchover(SVC, null, "ops"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("b: not eligible: service scheduler runs only on a, c")
        .hasMessageContaining("c: not a candidate");
    assertThat(ms.directives().read(SVC).switchover()).isNull();
    ServiceView s = placed.status().services().get(0);
    assertThat(s.placement("a")).isNull();
    assertThat(s.placement("b")).isEqualTo("not eligible");
    assertThat(s.placement("c")).isEqualTo("not a candidate");
    assertThat(s.memberViews())
        .extracting(MemberView::placement)
        .containsExactly(null, "not eligible", "not a candidate");
  }

  @Test
  void statusShowsTheStoredStateFilesWithTheirAgeOnlyForServicesThatCarryAny() throws Exception {
    String yaml =
        String.join(
            "\n",
            "cluster: admin-test",
            "nodes: [{id: a, host: 127.0.0.1}]",
            "metastore: {type: h2, path: " + dir.resolve("meta") + "}",
            "services:",
            "  - {name: scheduler, command: [/bin/true], state_files: [/s/one, /s/two]}",
            "  - {name: beat, command: [/bin/true]}",
            "");
    MetastoreAdmin withState = admin(ConfigLoader.parse(yaml, dir.resolve("sfc.yaml"), Map.of()));
    Lease a = holder("a");
    ms.states().put(a, "/s/two", new byte[] {1, 2, 3});

    List<ServiceView> services = withState.status().services();

    StateSummary st = services.get(0).state();
    assertThat(st.configured()).containsExactly("/s/one", "/s/two");
    assertThat(st.stored())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("/s/two");
              assertThat(f.epoch()).isEqualTo(a.epoch());
              assertThat(f.bytes()).isEqualTo(3);
            });
    assertThat(st.newestAge()).hasValueSatisfying(age -> assertThat(age).isLessThan(TTL));
    assertThat(services.get(1).state()).isEqualTo(StateSummary.NONE);
    var json = AdminJson.status(withState.status()).get("services");
    assertThat(json.get(0).get("state").get("files").get(0).get("stored").asBoolean()).isFalse();
    assertThat(json.get(0).get("state").get("files").get(1).get("bytes").asInt()).isEqualTo(3);
    assertThat(json.get(1).get("state").isNull()).isTrue();
  }
}
