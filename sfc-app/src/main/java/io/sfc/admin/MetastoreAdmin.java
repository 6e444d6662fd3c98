package io.sfc.admin;

import io.sfc.config.SfcConfig;
import io.sfc.core.decide.Eligibility;
import io.sfc.core.model.Directives;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StateFiles;
import io.sfc.core.model.Switchover;
import io.sfc.core.model.Timings;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.MonotonicClock;
import io.sfc.time.Sleeper;
import io.sfc.time.SystemTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link ClusterAdmin} on the metastore: reads leases, directives and member reports, and writes
 * directives that the controllers act on in their next loop. Time is injected: a monotonic clock
 * for the handoff measurement and a sleeper between polls.
 */
public final class MetastoreAdmin implements ClusterAdmin {
  /** How long {@link #awaitHandoff} waits between two reads of the metastore. */
  static final Duration POLL = Duration.ofMillis(50);

  private final SfcConfig config;
  private final Metastore metastore;
  private final MonotonicClock clock;
  private final Sleeper sleeper;

  public MetastoreAdmin(
      SfcConfig config, Metastore metastore, MonotonicClock clock, Sleeper sleeper) {
    this.config = config;
    this.metastore = metastore;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** An admin on the system clock. */
  public static MetastoreAdmin system(SfcConfig config, Metastore metastore) {
    return new MetastoreAdmin(config, metastore, SystemTime.MONOTONIC, Sleeper.system());
  }

  @Override
  public ClusterView status() throws MetastoreException {
    List<MemberReport> all = metastore.members().members();
    List<ServiceView> services = new ArrayList<>();
    for (ServiceSpec s : config.services()) {
      services.add(view(s, all));
    }
    return new ClusterView(config.cluster(), metastore.describe(), services);
  }

  private ServiceView view(ServiceSpec spec, List<MemberReport> all) throws MetastoreException {
    String service = spec.name();
    LeaseRecord lease = metastore.leases().read(service);
    Directives directives = metastore.directives().read(service);
    return new ServiceView(
        service, lease, directives, reportsOf(service, all), state(spec), ineligible(spec));
  }

  /** Per configured node that placement keeps from {@code spec}, why. */
  private Map<String, String> ineligible(ServiceSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (NodeSpec n : config.nodes()) {
      String why = Eligibility.whyNot(spec, n.id(), n.candidate());
      if (why != null) {
        out.put(n.id(), why);
      }
    }
    return out;
  }

  /** The newest stored copy of each of {@code spec}'s state files. */
  private StateSummary state(ServiceSpec spec) throws MetastoreException {
    if (!spec.state().any()) {
      return StateSummary.NONE;
    }
    List<String> names = new ArrayList<>();
    List<StateSummary.StoredFile> stored = new ArrayList<>();
    for (StateFiles.File f : spec.state().files()) {
      names.add(f.name());
      metastore
          .states()
          .get(spec.name(), f.name())
          .map(StateSummary.StoredFile::of)
          .ifPresent(stored::add);
    }
    return new StateSummary(names, stored);
  }

  private static List<MemberReport> reportsOf(String service, List<MemberReport> all) {
    return all.stream().filter(m -> m.service().equals(service)).toList();
  }

  @Override
  public List<Event> history(int limit) throws MetastoreException {
    return metastore.events().recent(limit);
  }

  @Override
  public SwitchoverTicket switchover(String service, String to, String by)
      throws AdminException, MetastoreException {
    String name = service == null ? onlyService() : knownService(service);
    LeaseRecord lease = metastore.leases().read(name);
    if (lease.isFree()) {
      throw new AdminException(
          "cannot switch over " + name + ": no node holds its lease (" + leaseState(lease) + ")");
    }
    Directives d = metastore.directives().read(name);
    if (d.paused()) {
      throw new AdminException(
          "cannot switch over "
              + name
              + ": it is paused (by "
              + d.pausedBy()
              + "); resume it first with 'sfc resume'");
    }
    List<MemberReport> reports = reportsOf(name, metastore.members().members());
    String target =
        to == null ? bestStandby(name, lease, reports) : checkTarget(name, to, lease, reports);
    Switchover request =
        new Switchover(name, lease.holder(), lease.epoch(), target, by, Duration.ZERO);
    long requestedAt = clock.nanoTime();
    metastore.directives().requestSwitchover(request);
    return new SwitchoverTicket(name, lease.holder(), lease.epoch(), target, requestedAt);
  }

  private String onlyService() throws AdminException {
    if (config.services().size() != 1) {
      throw new AdminException(
          "several services are configured (" + serviceNames() + "); name one with --service");
    }
    return config.services().get(0).name();
  }

  private String knownService(String service) throws AdminException {
    if (config.services().stream().noneMatch(s -> s.name().equals(service))) {
      throw new AdminException(
          "unknown service '" + service + "'; configured services: " + serviceNames());
    }
    return service;
  }

  private String serviceNames() {
    return config.services().stream().map(ServiceSpec::name).collect(Collectors.joining(", "));
  }

  private static String leaseState(LeaseRecord lease) {
    return lease.holder() == null
        ? "vacant"
        : "last held by " + lease.holder() + " at epoch " + lease.epoch() + ", expired";
  }

  private String checkTarget(String service, String to, LeaseRecord lease, List<MemberReport> rs)
      throws AdminException {
    if (config.nodes().stream().noneMatch(n -> n.id().equals(to))) {
      throw new AdminException(
          "unknown node '"
              + to
              + "'; configured nodes: "
              + config.nodes().stream().map(NodeSpec::id).collect(Collectors.joining(", ")));
    }
    String excluded = ineligible(spec(service)).get(to);
    if (excluded != null) {
      throw new AdminException(to + " cannot take " + service + ": " + excluded);
    }
    if (to.equals(lease.holder())) {
      throw new AdminException(
          to + " already holds " + service + " (epoch " + lease.epoch() + "); nothing to do");
    }
    String why = unfit(report(rs, to));
    if (why != null) {
      throw new AdminException(to + " is not a healthy candidate for " + service + ": " + why);
    }
    return to;
  }

  private String bestStandby(String service, LeaseRecord lease, List<MemberReport> rs)
      throws AdminException {
    List<String> refusals = new ArrayList<>();
    Map<String, String> excluded = ineligible(spec(service));
    Optional<MemberReport> best =
        config.nodes().stream()
            .map(NodeSpec::id)
            .filter(id -> !id.equals(lease.holder()) && !excluded.containsKey(id))
            .map(id -> report(rs, id).orElse(null))
            .filter(r -> r != null && unfit(Optional.of(r)) == null)
            .min(Comparator.comparing(MemberReport::age));
    if (best.isPresent()) {
      return best.get().node();
    }
    for (NodeSpec n : config.nodes()) {
      if (!n.id().equals(lease.holder())) {
        String why = excluded.getOrDefault(n.id(), unfit(report(rs, n.id())));
        refusals.add(n.id() + ": " + why);
      }
    }
    throw new AdminException(
        "no healthy standby for "
            + service
            + " (held by "
            + lease.holder()
            + "): "
            + (refusals.isEmpty() ? "no other node is configured" : String.join("; ", refusals)));
  }

  private ServiceSpec spec(String service) {
    return config.services().stream()
        .filter(s -> s.name().equals(service))
        .findFirst()
        .orElseThrow();
  }

  private static Optional<MemberReport> report(List<MemberReport> rs, String node) {
    return rs.stream().filter(r -> r.node().equals(node)).findFirst();
  }

  /** Why the node of {@code report} cannot take the service now, or null when it can. */
  private String unfit(Optional<MemberReport> report) {
    if (report.isEmpty()) {
      return "it never reported on this service (is its controller running?)";
    }
    MemberReport r = report.get();
    Duration ttl = config.timings().leaseTtl();
    if (r.age().compareTo(ttl) >= 0) {
      return "its last report is "
          + Timings.fmt(r.age())
          + " old (lease_ttl "
          + Timings.fmt(ttl)
          + "); its controller may be down or cut off";
    }
    if (r.role() != Role.STANDBY) {
      return "it is " + r.roleName() + " (" + r.reason() + ")";
    }
    return null;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Polls every {@link #POLL}. The elapsed time runs from just before the request was written
   * (after the checks) to the first poll that finds the target holding a newer epoch and reporting
   * the service {@code RUNNING}; the wait goes on until that same instance has been reported
   * running for {@link #settleTime} and fails when it stops or is replaced before. When another
   * node ends up running the service under a newer epoch the wait ends at once, not completed.
   */
  @Override
  public HandoffResult awaitHandoff(SwitchoverTicket ticket, Duration timeout)
      throws MetastoreException, InterruptedException {
    HandoffWatch watch = new HandoffWatch(ticket, settleTime(ticket.service()));
    while (true) {
      LeaseRecord lease = metastore.leases().read(ticket.service());
      Duration elapsed = Duration.ofNanos(clock.nanoTime() - ticket.requestedAtNanos());
      HandoffWatch.Outcome o = watch.poll(lease, metastore.members().members(), elapsed);
      if (o != HandoffWatch.Outcome.WAITING || elapsed.compareTo(timeout) >= 0) {
        boolean done = o == HandoffWatch.Outcome.SETTLED;
        Duration running = watch.runningAt() == null ? elapsed : watch.runningAt();
        Duration gap = done ? serviceGap(ticket, lease.epoch()) : null;
        return new HandoffResult(
            ticket,
            done,
            lease.holder(),
            lease.epoch(),
            running,
            watch.leaseAt(),
            gap,
            watch.failure());
      }
      sleeper.sleep(POLL);
    }
  }

  /** The shortest time a target's instance counts as running after a switchover. */
  static final Duration MIN_SETTLE = Duration.ofSeconds(1);

  /**
   * How long the target's instance must run before a switchover counts: the longest {@code
   * start_grace} of the service's health checks, and at least {@link #MIN_SETTLE}.
   */
  Duration settleTime(String service) {
    return config.healthOf(service).stream()
        .map(h -> h.spec().startGrace())
        .filter(g -> g.compareTo(MIN_SETTLE) > 0)
        .max(Comparator.naturalOrder())
        .orElse(MIN_SETTLE);
  }

  /**
   * From the old holder's {@code STOPPED} event under the ticket's epoch to the target's {@code
   * STARTED} event under {@code epoch}, by the metastore's clock; null when either is missing.
   */
  private Duration serviceGap(SwitchoverTicket t, long epoch) throws MetastoreException {
    List<Event> recent = metastore.events().recent(200);
    Optional<Event> stopped = latest(recent, t.service(), t.from(), t.epoch(), EventKind.STOPPED);
    Optional<Event> started = latest(recent, t.service(), t.to(), epoch, EventKind.STARTED);
    if (stopped.isEmpty() || started.isEmpty()) {
      return null;
    }
    return Duration.between(stopped.get().at(), started.get().at());
  }

  private static Optional<Event> latest(
      List<Event> newestFirst, String service, String node, long epoch, EventKind kind) {
    return newestFirst.stream()
        .filter(e -> e.kind() == kind && e.epoch() == epoch)
        .filter(e -> service.equals(e.service()) && node.equals(e.node()) && e.at() != null)
        .findFirst();
  }

  @Override
  public void pause(String scope, String by) throws AdminException, MetastoreException {
    metastore.directives().pause(scope(scope), by);
  }

  @Override
  public void resume(String scope) throws AdminException, MetastoreException {
    metastore.directives().resume(scope(scope));
  }

  private String scope(String scope) throws AdminException {
    return scope == null || scope.equals(DirectiveStore.ALL)
        ? DirectiveStore.ALL
        : knownService(scope);
  }
}
