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
 * @param roleName the role as stored: {@code role.name()}, or the raw name of a role this version
 *     does not know (then {@code role} is {@link Role#UNKNOWN})
 * @param stateName the state as stored: {@code serviceState.name()}, or the raw name of a state
 *     this version does not know (then {@code serviceState} is {@link ServiceState#UNKNOWN})
 */
public record MemberReport(
    String node,
    String service,
    Role role,
    long epoch,
    ServiceState serviceState,
    long pid,
    String reason,
    Duration age,
    String roleName,
    String stateName) {

  /** A controller rewrites its unchanged report this often (a changed one at once). */
  public static final Duration REFRESH = Duration.ofSeconds(3);

  /**
   * A report older than this is stale: its controller missed two refreshes, so it is dead, frozen
   * or cut off from the metastore, and the report says only what was last seen.
   */
  public static final Duration FRESH_FOR = REFRESH.multipliedBy(2);

  /** A report of a known role and state. */
  public MemberReport(
      String node,
      String service,
      Role role,
      long epoch,
      ServiceState serviceState,
      long pid,
      String reason,
      Duration age) {
    this(
        node,
        service,
        role,
        epoch,
        serviceState,
        pid,
        reason,
        age,
        role.name(),
        serviceState.name());
  }

  /** A report read from the store, whose role and state are looked up tolerantly by name. */
  public static MemberReport stored(
      String node,
      String service,
      String roleName,
      long epoch,
      String stateName,
      long pid,
      String reason,
      Duration age) {
    Role role = Role.lookup(roleName);
    ServiceState state = ServiceState.lookup(stateName);
    return new MemberReport(
        node, service, role, epoch, state, pid, reason, age, roleName, stateName);
  }

  /** This report with another age. */
  public MemberReport withAge(Duration newAge) {
    return new MemberReport(
        node, service, role, epoch, serviceState, pid, reason, newAge, roleName, stateName);
  }

  /** True when the two reports say the same, ignoring their age. */
  public boolean sameAs(MemberReport other) {
    return other != null
        && node.equals(other.node)
        && service.equals(other.service)
        && roleName.equals(other.roleName)
        && epoch == other.epoch
        && stateName.equals(other.stateName)
        && pid == other.pid
        && reason.equals(other.reason);
  }
}
