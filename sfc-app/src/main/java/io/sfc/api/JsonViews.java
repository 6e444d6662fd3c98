package io.sfc.api;

import io.sfc.core.control.LoopObserver.ServiceStatus;
import io.sfc.core.model.NodeSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API that only a controller has (its own view, the configured nodes,
 * errors); the cluster's shapes are {@link io.sfc.admin.AdminJson}'s. Durations are milliseconds
 * ({@code ...Ms}).
 */
final class JsonViews {

  private JsonViews() {}

  static Map<String, Object> local(
      String node, Duration loopAge, boolean healthy, List<ServiceStatus> services, long now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", node);
    m.put("loopAgeMs", millis(loopAge));
    m.put("healthy", healthy);
    m.put("services", services.stream().map(s -> localService(s, now)).toList());
    return m;
  }

  static Map<String, Object> localService(ServiceStatus s, long now) {
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

  static Map<String, Object> node(NodeSpec n, int apiPort) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", n.id());
    m.put("host", n.host());
    m.put("apiPort", apiPort);
    return m;
  }

  static Map<String, Object> error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    return m;
  }

  private static Long millis(Duration d) {
    return d == null ? null : d.toMillis();
  }
}
