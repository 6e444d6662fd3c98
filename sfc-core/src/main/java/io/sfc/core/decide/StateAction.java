package io.sfc.core.decide;

/** What the controller does with the service's state files ({@code state_files}) in one loop. */
public enum StateAction {
  NONE,
  /**
   * Before the start: write the newest stored copy of each file in place (temp file and rename), on
   * the action executor before the launch. A failed restore is an event; the start goes on.
   */
  RESTORE,
  /** Upload each file, conditional on the lease held, on the action executor. */
  UPLOAD
}
