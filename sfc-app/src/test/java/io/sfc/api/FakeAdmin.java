package io.sfc.api;

import io.sfc.admin.AdminException;
import io.sfc.admin.ClusterAdmin;
import io.sfc.admin.ClusterView;
import io.sfc.admin.HandoffResult;
import io.sfc.admin.ServiceView;
import io.sfc.admin.SwitchoverTicket;
import io.sfc.core.model.Directives;
import io.sfc.core.model.Event;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.DirectiveStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory {@link ClusterAdmin}: one lease per service, pauses, switchover requests. */
final class FakeAdmin implements ClusterAdmin {
  final Map<String, LeaseRecord> leases = new LinkedHashMap<>();
  final Map<String, String> paused = new LinkedHashMap<>();
  final Map<String, Switchover> switchovers = new LinkedHashMap<>();
  final List<Event> events = new ArrayList<>();
  String refuse;

  FakeAdmin(String service, String holder, long epoch) {
    leases.put(service, new LeaseRecord(service, holder, epoch, Duration.ofSeconds(9), false));
  }

  @Override
  public synchronized ClusterView status() {
    List<ServiceView> views = new ArrayList<>();
    for (LeaseRecord l : leases.values()) {
      views.add(
          new ServiceView(
              l.service(), l, directives(l.service()), List.of(), io.sfc.admin.StateSummary.NONE));
    }
    return new ClusterView("c", "fake", views);
  }

  private Directives directives(String service) {
    String by = paused.containsKey(service) ? paused.get(service) : paused.get(DirectiveStore.ALL);
    return new Directives(by != null, by, switchovers.get(service));
  }

  @Override
  public synchronized List<Event> history(int limit) {
    List<Event> newestFirst = new ArrayList<>(events);
    java.util.Collections.reverse(newestFirst);
    return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
  }

  @Override
  public synchronized SwitchoverTicket switchover(String service, String to, String by)
      throws AdminException {
    if (refuse != null) {
      throw new AdminException(refuse);
    }
    LeaseRecord l = leases.get(service);
    switchovers.put(service, new Switchover(service, l.holder(), l.epoch(), to, by, Duration.ZERO));
    return new SwitchoverTicket(service, l.holder(), l.epoch(), to, 0);
  }

  @Override
  public HandoffResult awaitHandoff(SwitchoverTicket ticket, Duration timeout) {
    waited = timeout;
    return handoff != null
        ? handoff
        : new HandoffResult(
            ticket, false, ticket.from(), ticket.epoch(), timeout, null, null, null);
  }

  /** What {@link #awaitHandoff} returns; by default a timeout at the old holder. */
  volatile HandoffResult handoff;

  /** The timeout {@link #awaitHandoff} was last called with. */
  volatile Duration waited;

  @Override
  public synchronized void pause(String scope, String by) {
    paused.put(scope, by);
  }

  @Override
  public synchronized void resume(String scope) {
    paused.remove(scope);
  }
}
