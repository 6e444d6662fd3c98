package io.sfc.admin;

import io.sfc.core.decide.Eligibility;
import io.sfc.core.model.Directives;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import java.util.List;
import java.util.Map;

/**
 * One service in a {@link ClusterView}.
 *
 * @param service service name
 * @param lease the lease as the metastore sees it
 * @param directives pause and pending switchover
 * @param members the latest report of every node that reported on this service
 * @param state the stored copies of its state files ({@link StateSummary#NONE} without any)
 * @param ineligible per configured node that placement keeps from ever running the service, why
 *     ({@link Eligibility#whyNot}); nodes that may run it are absent
 */
public record ServiceView(
    String service,
    LeaseRecord lease,
    Directives directives,
    List<MemberReport> members,
    StateSummary state,
    Map<String, String> ineligible) {

  public ServiceView {
    ineligible = Map.copyOf(ineligible);
  }

  /** A service every node may run. */
  public ServiceView(
      String service,
      LeaseRecord lease,
      Directives directives,
      List<MemberReport> members,
      StateSummary state) {
    this(service, lease, directives, members, state, Map.of());
  }

  /** The rows every view shows, one per report, judged by {@link MemberView#of}. */
  public List<MemberView> memberViews() {
    return members.stream()
        .map(m -> MemberView.of(m, lease, directives.paused(), placement(m.node())))
        .toList();
  }

  /** The placement label of {@code node} ({@link Eligibility#label}), or null when it may run. */
  public String placement(String node) {
    return Eligibility.label(ineligible.get(node));
  }
}
