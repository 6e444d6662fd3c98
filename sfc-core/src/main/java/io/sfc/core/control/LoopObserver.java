package io.sfc.core.control;

import io.sfc.core.decide.LocalState;
import java.util.List;

/**
 * Sees every completed round of a {@link ControllerLoop}, on the loop thread, for status pages and
 * metrics. It must only copy what it needs and return: never block, never do I/O. An observer that
 * throws is logged and kept.
 */
@FunctionalInterface
public interface LoopObserver {

  /**
   * One service as its controller left it at the end of a round.
   *
   * @param service service name
   * @param state the controller's local state (immutable)
   * @param reason the last decision reason
   * @param rejection why the metastore rejects the controller (credentials, privileges, schema: the
   *     cause and the fix), or null while it accepts it or merely does not answer
   */
  record ServiceStatus(String service, LocalState state, String reason, String rejection) {}

  /**
   * Called after each completed round.
   *
   * @param startedNanos monotonic time the round started
   * @param endedNanos monotonic time the round ended
   * @param services every service of the loop, in the order they were added
   */
  void roundCompleted(long startedNanos, long endedNanos, List<ServiceStatus> services);
}
