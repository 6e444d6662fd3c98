package io.sfc.health;

import io.sfc.core.port.HealthCheck;

/**
 * The {@code process} check: the instance runs under the watchdog shim, whose exit the controller
 * sees at once, so there is nothing to poll. It exists so that a configuration can list it
 * explicitly; it is always healthy while the instance runs.
 */
public final class ProcessCheck implements HealthCheck {
  @Override
  public Result check() {
    return Result.healthy("process supervised by the shim");
  }
}
