package io.sfc.core.decide;

/**
 * The outcome of one loop: at most one lease action, one service action, one directive action and
 * one state-file action, and the one-line reason that is logged, reported in status and asserted in
 * tests. Reasons are stable (no counters that tick every loop) so that a change of reason means a
 * change of situation.
 */
public record Decision(
    LeaseAction lease,
    ServiceAction service,
    DirectiveAction directive,
    StateAction state,
    String reason) {

  static Decision of(LeaseAction lease, ServiceAction service, String reason) {
    return new Decision(lease, service, DirectiveAction.NONE, StateAction.NONE, reason);
  }

  static Decision idle(String reason) {
    return of(LeaseAction.NONE, ServiceAction.NONE, reason);
  }

  Decision with(DirectiveAction action) {
    return new Decision(lease, service, action, state, reason);
  }

  Decision with(StateAction action) {
    return new Decision(lease, service, directive, action, reason);
  }
}
