package io.sfc.core.model;

import java.time.Duration;

/**
 * What one controller last reported about one service, for the status table.
 *
 * @param node reporting node
 * @param service service
 * @param role the node's role for the service
 * @param epoch epoch the node holds, or last saw
 * @param serviceState local instance state
 * @param pid local instance pid, or 0
 * @param reason the node's last decision reason
 * @param age how long ago the report was written (metastore clock); zero when writing
 */
public record MemberReport(
    String node,
    String service,
    Role role,
    long epoch,
    ServiceState serviceState,
    long pid,
    String reason,
    Duration age) {

  /** A controller rewrites its unchanged report this often (a changed one at once). */
  public static final Duration REFRESH = Duration.ofSeconds(3);

  /**
   * A report older than this is stale: its controller missed two refreshes, so it is dead, frozen
   * or cut off from the metastore, and the report says only what was last seen.
   */
  public static final Duration FRESH_FOR = REFRESH.multipliedBy(2);

  /** This report with another age. */
  public MemberReport withAge(Duration newAge) {
    return new MemberReport(node, service, role, epoch, serviceState, pid, reason, newAge);
  }

  /** True when the two reports say the same, ignoring their age. */
  public boolean sameAs(MemberReport other) {
    return other != null
        && node.equals(other.node)
        && service.equals(other.service)
        && role == other.role
        && epoch == other.epoch
        && serviceState == other.serviceState
        && pid == other.pid
        && reason.equals(other.reason);
  }
}
