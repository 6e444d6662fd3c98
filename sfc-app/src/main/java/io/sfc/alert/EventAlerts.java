package io.sfc.alert;

import io.sfc.core.model.AlertKind;
import io.sfc.core.model.EventKind;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    MAP.put(EventKind.FENCE_FAILED, AlertKind.FENCING_FAILED);
    MAP.put(EventKind.PLACEMENT_UNREACHABLE, AlertKind.PLACEMENT_UNREACHABLE);
    MAP.put(EventKind.CONTROLLER_STALLED, AlertKind.CONTROLLER_STALLED);
    MAP.put(EventKind.STATE_UPLOAD_FAILED, AlertKind.STATE_UPLOAD_FAILED);
    MAP.put(EventKind.STATE_RESTORE_FAILED, AlertKind.STATE_RESTORE_FAILED);
  }

  /** Events nobody is paged for: the normal course of things, visible in the history. */
  static final Set<EventKind> ROUTINE =
      EnumSet.of(
          EventKind.RELEASED,
          EventKind.STARTED,
          EventKind.STOPPED,
          EventKind.PAUSED,
          EventKind.RESUMED,
          EventKind.SWITCHOVER_REQUESTED,
          EventKind.HANDED_OFF,
          EventKind.TOOK_OVER,
          EventKind.HANDOVER,
          // the end of an outage that was alerted as METASTORE_UNREACHABLE; in the history
          EventKind.METASTORE_REACHABLE,
          EventKind.FENCED,
          // state files carried as configured; a failure to carry them is alerted
          EventKind.STATE_UPLOADED,
          EventKind.STATE_RESTORED,
          // read from the store under a newer version's name; never produced by this version
          EventKind.UNKNOWN);

  private EventAlerts() {}

  /** The alert kind for an event kind; empty for {@link #ROUTINE} events. */
  public static Optional<AlertKind> of(EventKind kind) {
    return Optional.ofNullable(MAP.get(kind));
  }
}
