package io.sfc.core.decide;

import io.sfc.core.model.StopPath;

/** What the controller does with the local service instance in one loop. */
public enum ServiceAction {
  NONE,
  START,
  /** A {@link StopPath#PLANNED planned} stop: the lease is held and renewed meanwhile. */
  STOP,
  /**
   * A {@link StopPath#DEADLINE deadline} stop: the lease is lost or could not be renewed in time;
   * also ends a planned stop that is under way.
   */
  DEADLINE_STOP
}
