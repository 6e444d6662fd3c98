package io.sfc.api;

import io.sfc.admin.ClusterView;
import io.sfc.admin.ServiceView;
import io.sfc.core.control.LoopObserver.ServiceStatus;
import io.sfc.core.model.Directives;
import io.sfc.core.model.Event;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.Switchover;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API, built by hand so that they stay stable whatever the records become.
 * Durations are milliseconds ({@code ...Ms}); instants are ISO-8601 strings.
 */
public final class JsonViews {

  private JsonViews() {}

  public static Map<String, Object> cluster(ClusterView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cluster", v.cluster());
    m.put("metastore", v.metastore());
    m.put("services", v.services().stream().map(JsonViews::service).toList());
    return m;
  }

  public static Map<String, Object> service(ServiceView s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", s.service());
    m.put("lease", lease(s.lease()));
    m.put("directives", directives(s.directives()));
    m.put("members", s.members().stream().map(JsonViews::member).toList());
    return m;
  }

  public static Map<String, Object> lease(LeaseRecord l) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean free = l.isFree();
    m.put("holder", free ? null : l.holder());
    m.put("lastHolder", l.holder());
    m.put("epoch", l.epoch());
    m.put("remainingMs", free ? 0 : l.remaining().toMillis());
    m.put("free", free);
    return m;
  }

  public static Map<String, Object> directives(Directives d) {
    Directives x = d == null ? Directives.NONE : d;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paused", x.paused());
    m.put("pausedBy", x.pausedBy());
    m.put("switchover", x.switchover() == null ? null : switchover(x.switchover()));
    return m;
  }

  public static Map<String, Object> switchover(Switchover s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", s.from());
    m.put("to", s.to());
    m.put("epoch", s.epoch());
    m.put("requestedBy", s.requestedBy());
    m.put("ageMs", millis(s.age()));
    return m;
  }

  public static Map<String, Object> member(MemberReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", r.node());
    m.put("role", r.role().name());
    m.put("epoch", r.epoch());
    m.put("state", r.serviceState().name());
    m.put("pid", r.pid());
    m.put("reason", r.reason());
    m.put("ageMs", millis(r.age()));
    return m;
  }

  public static Map<String, Object> event(Event e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", e.at() == null ? null : e.at().toString());
    m.put("node", e.node());
    m.put("service", e.service());
    m.put("epoch", e.epoch());
    m.put("kind", e.kind().name());
    m.put("reason", e.reason());
    return m;
  }

  public static Map<String, Object> local(
      String node, Duration loopAge, boolean healthy, List<ServiceStatus> services, long now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", node);
    m.put("loopAgeMs", millis(loopAge));
    m.put("healthy", healthy);
    m.put("services", services.stream().map(s -> localService(s, now)).toList());
    return m;
  }

  public static Map<String, Object> localService(ServiceStatus s, long now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", s.service());
    m.put("role", s.state().role(now).name());
    m.put("holding", s.state().holding());
    m.put("epoch", s.state().epoch());
    m.put("state", s.state().service().name());
    m.put("pid", s.state().pid());
    m.put("reason", s.reason());
    return m;
  }

  public static Map<String, Object> node(NodeSpec n, int apiPort) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", n.id());
    m.put("host", n.host());
    m.put("apiPort", apiPort);
    return m;
  }

  public static Map<String, Object> error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    return m;
  }

  private static Long millis(Duration d) {
    return d == null ? null : d.toMillis();
  }
}
