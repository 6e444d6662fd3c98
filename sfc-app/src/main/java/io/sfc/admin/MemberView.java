package io.sfc.admin;

import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import java.time.Duration;
import java.util.Locale;

/**
 * One node's row for one service as every view shows it ({@code sfc status}, {@code status --json},
 * {@code GET /api/status} and the dashboard): what is known now, judged from the node's last report
 * and the lease. A report older than {@link MemberReport#FRESH_FOR} says only what was last seen:
 * role {@code UNKNOWN}, state {@code ?}, no PID. A node whose lease another node holds never reads
 * as running. Pure; the table is {@code MemberViewTest}.
 *
 * @param node the node
 * @param role what to show as its role: the reported one (the raw name of a role this version does
 *     not know), {@code PAUSED}, or {@code UNKNOWN}
 * @param state what to show as its state: the reported one (the raw name of a state this version
 *     does not know), {@code ?} when unknown, or {@code STOPPED (controller shut down)}
 * @param epoch the reported epoch
 * @param pid the PID of a current instance, or 0 when none is known to run now
 * @param reason the node's last reason
 * @param age the report's age
 * @param stale true when the report is older than its freshness bound
 * @param note what was last seen when the state is {@code ?} (e.g. {@code last seen RUNNING 20.0s
 *     ago}), else null
 * @param reported the report as written by the node
 * @param placement {@code not eligible} or {@code not a candidate} when placement keeps the node
 *     from ever running the service (by the viewer's configuration), else null
 */
public record MemberView(
    String node,
    String role,
    String state,
    long epoch,
    long pid,
    String reason,
    Duration age,
    boolean stale,
    String note,
    MemberReport reported,
    String placement) {

  /** What {@code state} says of a member whose controller stopped cleanly. */
  public static final String SHUT_DOWN = "STOPPED (controller shut down)";

  /** What {@code state} says when the current state is not known. */
  public static final String UNKNOWN_STATE = "?";

  /**
   * The row of report {@code r}.
   *
   * @param lease the service's lease as read with the report
   * @param paused true while the service is paused
   */
  public static MemberView of(MemberReport r, LeaseRecord lease, boolean paused) {
    return of(r, lease, paused, null);
  }

  /**
   * The row of report {@code r} as above, for a node that placement keeps from the service.
   *
   * @param placement the node's {@link io.sfc.core.decide.Eligibility} label, or null
   */
  public static MemberView of(MemberReport r, LeaseRecord lease, boolean paused, String placement) {
    MemberView v = judge(r, lease, paused);
    return placement == null ? v : v.withPlacement(placement);
  }

  /** This row with placement label {@code label} (null for none). */
  public MemberView withPlacement(String label) {
    return new MemberView(node, role, state, epoch, pid, reason, age, stale, note, reported, label);
  }

  private static MemberView judge(MemberReport r, LeaseRecord lease, boolean paused) {
    boolean stale = r.age().compareTo(MemberReport.FRESH_FOR) > 0;
    if (r.role() == Role.SHUTDOWN && r.serviceState() == ServiceState.STOPPED) {
      return view(r, Role.SHUTDOWN.name(), SHUT_DOWN, 0, stale, null);
    }
    if (stale) {
      return unknown(r, true, "last seen " + r.stateName() + " " + ago(r.age()) + " ago");
    }
    if (r.serviceState().mayRun() && heldByAnother(lease, r.node())) {
      return unknown(r, false, "reported " + r.stateName() + "; lease held by " + lease.holder());
    }
    String role = paused ? "PAUSED" : r.roleName();
    return view(r, role, r.stateName(), r.pid(), false, null);
  }

  private static MemberView unknown(MemberReport r, boolean stale, String note) {
    return view(r, "UNKNOWN", UNKNOWN_STATE, 0, stale, note);
  }

  private static MemberView view(
      MemberReport r, String role, String state, long pid, boolean stale, String note) {
    return new MemberView(
        r.node(), role, state, r.epoch(), pid, r.reason(), r.age(), stale, note, r, null);
  }

  private static boolean heldByAnother(LeaseRecord lease, String node) {
    return !lease.isFree() && !node.equals(lease.holder());
  }

  static String ago(Duration d) {
    return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
