package io.sfc.core.model;

/** The part a controller plays for one service, derived from its local state. */
public enum Role {
  /** Holds the lease and runs (or is starting) the service. */
  LEADER,
  /** Does not hold the lease; takes it when it becomes free. */
  STANDBY,
  /** Stepped down after repeated crashes; stays out of the election for a while. */
  COOLDOWN,
  /** Shutting down or shut down; never acquires again. */
  SHUTDOWN,
  /**
   * Read from a report whose role this version does not know (written by a newer sfc); never
   * written by this version's controllers.
   */
  UNKNOWN;

  /** The role called {@code name}, or {@link #UNKNOWN} when this version knows no such role. */
  public static Role lookup(String name) {
    return EnumLookup.lookup(values(), name, UNKNOWN);
  }

  /** True for the role that may run the service. */
  public boolean holds() {
    return this == LEADER;
  }
}
