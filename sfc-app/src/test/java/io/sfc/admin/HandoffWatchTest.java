package io.sfc.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.admin.HandoffWatch.Outcome;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The switchover wait's judgement, poll by poll: a ticket from a (epoch 4) to b, start grace 1 s,
 * one poll every 100 ms.
 */
class HandoffWatchTest {
  static final SwitchoverTicket TICKET = new SwitchoverTicket("beat", "a", 4, "b", 0);
  final HandoffWatch watch = new HandoffWatch(TICKET, Duration.ofSeconds(1));
  final List<Outcome> outcomes = new ArrayList<>();
  int polls;

  static LeaseRecord lease(String holder, long epoch) {
    return new LeaseRecord("beat", holder, epoch, Duration.ofSeconds(10), false);
  }

  static MemberReport report(String node, long epoch, ServiceState state, long pid) {
    return new MemberReport(node, "beat", Role.LEADER, epoch, state, pid, "r", Duration.ZERO);
  }

  Outcome poll(LeaseRecord lease, MemberReport... reports) {
    polls++;
    Outcome o = watch.poll(lease, List.of(reports), Duration.ofMillis(100L * polls));
    outcomes.add(o);
    return o;
  }

  @Test
  void settlesOnceTheSameInstanceRanForItsGrace() {
    poll(lease("a", 4), report("a", 4, ServiceState.RUNNING, 10));
    poll(LeaseRecord.vacant("beat"));
    poll(lease("b", 5), report("b", 5, ServiceState.STARTING, 0));
    for (int i = 0; i < 10; i++) {
      poll(lease("b", 5), report("b", 5, ServiceState.RUNNING, 20));
    }
    assertThat(outcomes).last().isEqualTo(Outcome.WAITING);

    assertThat(poll(lease("b", 5), report("b", 5, ServiceState.RUNNING, 20)))
        .isEqualTo(Outcome.SETTLED);
    assertThat(watch.leaseAt()).isEqualTo(Duration.ofMillis(300));
    assertThat(watch.runningAt()).isEqualTo(Duration.ofMillis(400));
    assertThat(watch.failure()).isNull();
  }

  @Test
  void anInstanceThatEndsWithinItsGraceFails() {
    poll(lease("b", 5), report("b", 5, ServiceState.RUNNING, 20));
    assertThat(poll(lease("b", 5), report("b", 5, ServiceState.STOPPED, 20)))
        .isEqualTo(Outcome.ENDED_IN_GRACE);
    assertThat(watch.failure()).isEqualTo("its instance (pid 20) is STOPPED");
  }

  @Test
  void anInstanceReplacedWithinItsGraceFails() {
    poll(lease("b", 5), report("b", 5, ServiceState.RUNNING, 20));
    assertThat(poll(lease("b", 5), report("b", 5, ServiceState.RUNNING, 21)))
        .isEqualTo(Outcome.ENDED_IN_GRACE);
    assertThat(watch.failure()).isEqualTo("its instance (pid 20) was replaced by pid 21");
  }

  @Test
  void anotherNodeRunningItUnderANewerEpochEndsTheWait() {
    assertThat(poll(lease("c", 5), report("c", 5, ServiceState.STARTING, 0)))
        .isEqualTo(Outcome.WAITING);
    assertThat(poll(lease("c", 5), report("c", 5, ServiceState.RUNNING, 30)))
        .isEqualTo(Outcome.OTHER_HOLDER);
    assertThat(watch.leaseAt()).isNull();
  }

  @Test
  void theOldEpochOrAReportOfAnotherEpochIsNotTheTargetRunning() {
    assertThat(poll(lease("b", 4), report("b", 4, ServiceState.RUNNING, 20)))
        .isEqualTo(Outcome.WAITING);
    assertThat(poll(lease("b", 5), report("b", 4, ServiceState.RUNNING, 20)))
        .isEqualTo(Outcome.WAITING);
    assertThat(watch.runningAt()).isNull();
  }

  @Test
  void withoutGraceTheFirstRunningReportSettles() {
    HandoffWatch now = new HandoffWatch(TICKET, Duration.ZERO);
    assertThat(
            now.poll(
                lease("b", 5), List.of(report("b", 5, ServiceState.RUNNING, 20)), Duration.ZERO))
        .isEqualTo(Outcome.SETTLED);
  }
}
