package io.sfc.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The member table: node a's report, the lease, and what every view shows for a. */
class MemberViewTest {
  static final LeaseRecord HELD_BY_A = lease("a", 8);
  static final LeaseRecord HELD_BY_B = lease("b", 8);
  static final LeaseRecord EXPIRED_A = lease("a", -1);

  static LeaseRecord lease(String holder, long remainingSeconds) {
    return new LeaseRecord("sched", holder, 3, Duration.ofSeconds(remainingSeconds), false);
  }

  static MemberReport report(Role role, ServiceState state, long ageMs) {
    return new MemberReport("a", "sched", role, 3, state, 4242, "why", Duration.ofMillis(ageMs));
  }

  static Arguments row(
      String name,
      MemberReport r,
      LeaseRecord lease,
      boolean paused,
      String role,
      String state,
      long pid,
      String note) {
    return Arguments.of(name, r, lease, paused, role, state, pid, note);
  }

  static Stream<Arguments> table() {
    MemberReport leader = report(Role.LEADER, ServiceState.RUNNING, 1_000);
    MemberReport newer =
        MemberReport.stored(
            "a", "sched", "FUTURE_ROLE", 3, "HIBERNATING", 4242, "why", Duration.ofMillis(1_000));
    return Stream.of(
        row("fresh leader", leader, HELD_BY_A, false, "LEADER", "RUNNING", 4242, null),
        row(
            "role and state of a newer version, by their raw names",
            newer,
            HELD_BY_A,
            false,
            "FUTURE_ROLE",
            "HIBERNATING",
            4242,
            null),
        row(
            "state of a newer version under another node's lease",
            newer,
            HELD_BY_B,
            false,
            "UNKNOWN",
            "?",
            0,
            "reported HIBERNATING; lease held by b"),
        row("fresh leader, paused", leader, HELD_BY_A, true, "PAUSED", "RUNNING", 4242, null),
        row(
            "fresh standby",
            report(Role.STANDBY, ServiceState.STOPPED, 500),
            HELD_BY_B,
            false,
            "STANDBY",
            "STOPPED",
            4242,
            null),
        row(
            "report at the bound",
            report(Role.LEADER, ServiceState.RUNNING, 6_000),
            HELD_BY_A,
            false,
            "LEADER",
            "RUNNING",
            4242,
            null),
        row(
            "stale leader (killed), lease still its own",
            report(Role.LEADER, ServiceState.RUNNING, 20_000),
            HELD_BY_A,
            false,
            "UNKNOWN",
            "?",
            0,
            "last seen RUNNING 20.0s ago"),
        row(
            "stale leader, lease expired",
            report(Role.LEADER, ServiceState.RUNNING, 6_001),
            EXPIRED_A,
            false,
            "UNKNOWN",
            "?",
            0,
            "last seen RUNNING 6.0s ago"),
        row(
            "stale and paused",
            report(Role.LEADER, ServiceState.RUNNING, 9_000),
            HELD_BY_A,
            true,
            "UNKNOWN",
            "?",
            0,
            "last seen RUNNING 9.0s ago"),
        row(
            "fresh RUNNING but b holds the lease",
            leader,
            HELD_BY_B,
            false,
            "UNKNOWN",
            "?",
            0,
            "reported RUNNING; lease held by b"),
        row(
            "fresh STOPPING, b holds the lease",
            report(Role.LEADER, ServiceState.STOPPING, 100),
            HELD_BY_B,
            false,
            "UNKNOWN",
            "?",
            0,
            "reported STOPPING; lease held by b"),
        row(
            "clean shutdown",
            report(Role.SHUTDOWN, ServiceState.STOPPED, 1_000),
            HELD_BY_B,
            false,
            "SHUTDOWN",
            MemberView.SHUT_DOWN,
            0,
            null),
        row(
            "clean shutdown long ago",
            report(Role.SHUTDOWN, ServiceState.STOPPED, 3_600_000),
            HELD_BY_B,
            false,
            "SHUTDOWN",
            MemberView.SHUT_DOWN,
            0,
            null),
        row(
            "shutting down, still stopping",
            report(Role.SHUTDOWN, ServiceState.STOPPING, 100),
            HELD_BY_A,
            false,
            "SHUTDOWN",
            "STOPPING",
            4242,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void shows(
      String name,
      MemberReport r,
      LeaseRecord lease,
      boolean paused,
      String role,
      String state,
      long pid,
      String note) {
    MemberView v = MemberView.of(r, lease, paused);
    assertThat(v.role()).isEqualTo(role);
    assertThat(v.state()).isEqualTo(state);
    assertThat(v.pid()).isEqualTo(pid);
    assertThat(v.note()).isEqualTo(note);
    assertThat(v.reported()).isSameAs(r);
    assertThat(v.placement()).isNull();
    MemberView placed = MemberView.of(r, lease, paused, "not eligible");
    assertThat(placed.placement()).as("placement label").isEqualTo("not eligible");
    assertThat(placed.withPlacement(null)).as("nothing else changes").isEqualTo(v);
  }
}
