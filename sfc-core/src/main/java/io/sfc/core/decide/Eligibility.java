package io.sfc.core.decide;

import io.sfc.core.model.ServiceSpec;

/**
 * Whether a node may ever acquire a service, by placement: the service's {@code nodes:} list and
 * the node's {@code candidate:} flag. Pure; shared by the {@link Decider} (a node that may not
 * never acquires) and the views and admin commands that show or refuse it.
 */
public final class Eligibility {

  /** The short label of a node that the service's {@code nodes:} list leaves out. */
  public static final String NOT_ELIGIBLE = "not eligible";

  /** The short label of a node with {@code candidate: false}. */
  public static final String NOT_A_CANDIDATE = "not a candidate";

  private Eligibility() {}

  /**
   * Why node {@code node} may never acquire {@code spec}, or null when it may.
   *
   * @param candidate the node's {@code candidate:} flag
   */
  public static String whyNot(ServiceSpec spec, String node, boolean candidate) {
    if (!candidate) {
      return NOT_A_CANDIDATE + ": node " + node + " has candidate: false and runs no service";
    }
    if (!spec.allows(node)) {
      return NOT_ELIGIBLE
          + ": service "
          + spec.name()
          + " runs only on "
          + String.join(", ", spec.nodes());
    }
    return null;
  }

  /** The short label ({@link #NOT_ELIGIBLE}, {@link #NOT_A_CANDIDATE}) of a reason, or null. */
  public static String label(String whyNot) {
    if (whyNot == null) {
      return null;
    }
    return whyNot.startsWith(NOT_A_CANDIDATE) ? NOT_A_CANDIDATE : NOT_ELIGIBLE;
  }
}
