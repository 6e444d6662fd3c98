package io.sfc.alert;

import io.sfc.core.model.AlertKind;
import io.sfc.core.model.EventKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Which events people are alerted about, and as what. */
public final class EventAlerts {

  private static final Map<EventKind, AlertKind> MAP = new EnumMap<>(EventKind.class);

  static {
    MAP.put(EventKind.CONTROLLER_STARTED, AlertKind.CONTROLLER_STARTED);
    MAP.put(EventKind.CONTROLLER_STOPPED, AlertKind.CONTROLLER_STOPPED);
    MAP.put(EventKind.ACQUIRED, AlertKind.LEASE_ACQUIRED);
    MAP.put(EventKind.LOST, AlertKind.LEASE_LOST);
    MAP.put(EventKind.SELF_FENCED, AlertKind.LEASE_LOST);
    MAP.put(EventKind.FAILOVER, AlertKind.FAILOVER);
    MAP.put(EventKind.CRASHED, AlertKind.RESTART);
    MAP.put(EventKind.STEPPED_DOWN, AlertKind.STEP_DOWN);
    MAP.put(EventKind.METASTORE_UNREACHABLE, AlertKind.METASTORE_UNREACHABLE);
    MAP.put(EventKind.UNHEALTHY, AlertKind.HEALTH_FAILED);
  }

  private EventAlerts() {}

  /** The alert kind for an event kind; empty for routine events (started, stopped, released). */
  public static Optional<AlertKind> of(EventKind kind) {
    return Optional.ofNullable(MAP.get(kind));
  }
}
