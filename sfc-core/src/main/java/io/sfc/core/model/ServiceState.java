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
  STOPPING(true),
  /**
   * Not known: read from a report whose state this version does not know (written by a newer sfc).
   * An instance may be running, so it never counts as stopped, and never as running either.
   */
  UNKNOWN(true);

  private final boolean mayRun;

  ServiceState(boolean mayRun) {
    this.mayRun = mayRun;
  }

  /** The state called {@code name}, or {@link #UNKNOWN} when this version knows no such state. */
  public static ServiceState lookup(String name) {
    return EnumLookup.lookup(values(), name, UNKNOWN);
  }

  /** True when an instance of the service may be running on this node. */
  public boolean mayRun() {
    return mayRun;
  }
}
