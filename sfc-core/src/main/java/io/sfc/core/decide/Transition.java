package io.sfc.core.decide;

import io.sfc.core.model.EventKind;
import java.util.List;

/**
 * The pure interpretation of one {@link Outcome}: the next memory, the events to record, whether
 * the loop should decide again at once, and what to do with the local instance's handle.
 *
 * @param next the memory after the outcome
 * @param events events to record, in order
 * @param again true when the outcome changed something that calls for another decision now
 * @param instance what the controller does with the handle of the local instance
 */
public record Transition(
    ControllerMemory next, List<Draft> events, boolean again, InstanceAction instance) {

  public Transition {
    events = List.copyOf(events);
  }

  /** An event before the controller adds its node, service and time. */
  public record Draft(EventKind kind, long epoch, String reason) {}

  /** What the controller does with the handle of the local instance after an outcome. */
  public enum InstanceAction {
    NONE,
    /** Feed the watchdog with the budget left to the local deadline. */
    FEED,
    /** Keep the new handle and watch the instance's health. */
    WATCH,
    /** Keep the new handle and stop the instance: a planned stop. */
    STOP,
    /** Keep the new handle and stop the instance: a deadline stop. */
    DEADLINE_STOP,
    /** The instance is gone: drop the handle and stop watching it. */
    FORGET
  }

  static Transition to(ControllerMemory next, List<Draft> events, boolean again) {
    return new Transition(next, events, again, InstanceAction.NONE);
  }

  static Transition unchanged(ControllerMemory m) {
    return to(m, List.of(), false);
  }

  Transition doing(InstanceAction action) {
    return new Transition(next, events, again, action);
  }
}
