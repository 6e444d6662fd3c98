package io.sfc.core.model;

/** The state of the local instance of a service, as the controller last saw it. */
public enum ServiceState {
  /** No local instance exists. */
  STOPPED(false),
  /** A start was requested; the instance may already run. */
  STARTING(true),
  /** The instance runs under its watchdog shim. */
  RUNNING(true),
  /** A stop was requested; the instance may still run. */
  STOPPING(true);

  private final boolean mayRun;

  ServiceState(boolean mayRun) {
    this.mayRun = mayRun;
  }

  /** True when an instance of the service may be running on this node. */
  public boolean mayRun() {
    return mayRun;
  }
}
