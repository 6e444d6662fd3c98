package io.sfc.admin;

import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.ServiceState;
import java.time.Duration;
import java.util.List;

/**
 * The switchover wait's judgement of one poll, without I/O: given the lease and the member reports
 * read at {@code elapsed} after the request, is the handoff still under way, done, or failed? Done
 * means the target holds a newer epoch and has reported the same instance (pid) {@code RUNNING} for
 * at least {@code grace} of polls; an instance that stops or is replaced within that time fails the
 * switchover, as does another node taking the lease and running the service.
 */
final class HandoffWatch {

  /** What one poll found. */
  enum Outcome {
    WAITING,
    SETTLED,
    OTHER_HOLDER,
    ENDED_IN_GRACE
  }

  private final SwitchoverTicket ticket;
  private final Duration grace;
  private Duration leaseAt;
  private Duration runningAt;
  private long pid;
  private String failure;

  HandoffWatch(SwitchoverTicket ticket, Duration grace) {
    this.ticket = ticket;
    this.grace = grace;
  }

  Outcome poll(LeaseRecord lease, List<MemberReport> members, Duration elapsed) {
    if (lease.isFree() || lease.epoch() <= ticket.epoch()) {
      return Outcome.WAITING;
    }
    MemberReport holder = report(members, lease);
    if (!lease.holder().equals(ticket.to())) {
      boolean runs = holder != null && holder.serviceState() == ServiceState.RUNNING;
      return runs ? Outcome.OTHER_HOLDER : Outcome.WAITING;
    }
    if (leaseAt == null) {
      leaseAt = elapsed;
    }
    return judgeTarget(holder, elapsed);
  }

  private Outcome judgeTarget(MemberReport m, Duration elapsed) {
    boolean running = m != null && m.serviceState() == ServiceState.RUNNING;
    if (runningAt == null) {
      if (running) {
        runningAt = elapsed;
        pid = m.pid();
      }
      return running && grace.isZero() ? Outcome.SETTLED : Outcome.WAITING;
    }
    if (!running || m.pid() != pid) {
      failure =
          running
              ? "its instance (pid " + pid + ") was replaced by pid " + m.pid()
              : "its instance (pid " + pid + ") is " + (m == null ? "gone" : m.stateName());
      return Outcome.ENDED_IN_GRACE;
    }
    return elapsed.minus(runningAt).compareTo(grace) >= 0 ? Outcome.SETTLED : Outcome.WAITING;
  }

  /** The report of the lease's holder under the lease's epoch, or null. */
  private static MemberReport report(List<MemberReport> members, LeaseRecord lease) {
    return members.stream()
        .filter(m -> m.service().equals(lease.service()))
        .filter(m -> m.node().equals(lease.holder()) && m.epoch() == lease.epoch())
        .findFirst()
        .orElse(null);
  }

  /** From the request to the first poll that found the target holding a newer epoch; or null. */
  Duration leaseAt() {
    return leaseAt;
  }

  /** From the request to the first poll that found the target's instance running; or null. */
  Duration runningAt() {
    return runningAt;
  }

  /** Why the instance did not count, after {@link Outcome#ENDED_IN_GRACE}; else null. */
  String failure() {
    return failure;
  }
}
