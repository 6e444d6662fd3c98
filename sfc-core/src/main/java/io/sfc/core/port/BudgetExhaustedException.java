package io.sfc.core.port;

import java.io.IOException;

/**
 * A start was given up before the instance was launched because the watchdog budget ran out while
 * the runner prepared it (fencing, connecting): the lease was not renewed meanwhile, so the shim
 * would have had no time to run it. Nothing was started and the service itself did nothing, so it
 * is not a crash ({@link io.sfc.core.decide.Outcome.NotLaunched}); the lease's own deadline rule
 * decides what happens next.
 */
public final class BudgetExhaustedException extends IOException {

  public BudgetExhaustedException(String message) {
    super(message);
  }
}
