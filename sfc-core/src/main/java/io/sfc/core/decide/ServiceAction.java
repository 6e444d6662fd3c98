package io.sfc.core.decide;

/** What the controller does with the local service instance in one loop. */
public enum ServiceAction {
  NONE,
  START,
  STOP
}
