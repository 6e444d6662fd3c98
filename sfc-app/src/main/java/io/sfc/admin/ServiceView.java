package io.sfc.admin;

import io.sfc.core.model.Directives;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import java.util.List;

/**
 * One service in a {@link ClusterView}.
 *
 * @param service service name
 * @param lease the lease as the metastore sees it
 * @param directives pause and pending switchover
 * @param members the latest report of every node that reported on this service
 * @param state the stored copies of its state files ({@link StateSummary#NONE} without any)
 */
public record ServiceView(
    String service,
    LeaseRecord lease,
    Directives directives,
    List<MemberReport> members,
    StateSummary state) {

  /** The rows every view shows, one per report, judged by {@link MemberView#of}. */
  public List<MemberView> memberViews() {
    return members.stream().map(m -> MemberView.of(m, lease, directives.paused())).toList();
  }
}
