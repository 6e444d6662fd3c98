package io.sfc.core.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.decide.Takeover.Kind;
import io.sfc.core.decide.Takeover.Seen;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.Switchover;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The takeover table: what node a saw of the lease before acquiring epoch 8, and what it was. */
class TakeoverTest {
  static final LeaseRecord VACANT = LeaseRecord.vacant("sched");
  static final LeaseRecord HELD_BY_B = record("b", 9, false);
  static final LeaseRecord EXPIRED_B = record("b", -1, false);
  static final LeaseRecord RELEASED_B = record("b", -1, true);
  static final LeaseRecord RELEASED_A = record("a", -1, true);
  static final LeaseRecord EXPIRED_A = record("a", -1, false);
  static final Switchover TO_A = new Switchover("sched", "b", 7, "a", "ops", Duration.ZERO);
  static final Switchover TO_C = new Switchover("sched", "b", 7, "c", "ops", Duration.ZERO);
  static final Switchover OLD_TO_A = new Switchover("sched", "b", 8, "a", "ops", Duration.ZERO);

  static LeaseRecord record(String holder, long remainingSeconds, boolean released) {
    return new LeaseRecord("sched", holder, 7, Duration.ofSeconds(remainingSeconds), released);
  }

  /** What a sees after reading {@code records} in order since its start. */
  static Seen seen(LeaseRecord... records) {
    Seen s = Seen.NOTHING;
    for (LeaseRecord r : records) {
      s = s.then(r);
    }
    return s;
  }

  static Arguments row(String name, Seen seen, Switchover sw, Kind kind, EventKind event) {
    return Arguments.of(name, seen, sw, kind, event);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        row("first start, empty cluster", seen(VACANT), null, Kind.FIRST_START, null),
        row("nothing read (cannot happen)", Seen.NOTHING, null, Kind.FIRST_START, null),
        row(
            "b killed, its lease expired",
            seen(HELD_BY_B, EXPIRED_B),
            null,
            Kind.FAILOVER,
            EventKind.FAILOVER),
        row(
            "b's lease already expired at a's start",
            seen(EXPIRED_B),
            null,
            Kind.FAILOVER,
            EventKind.FAILOVER),
        row(
            "b shut down (SIGTERM) or stepped down",
            seen(HELD_BY_B, RELEASED_B),
            null,
            Kind.HANDOVER,
            EventKind.HANDOVER),
        row(
            "cold restart: b released before a started",
            seen(RELEASED_B),
            null,
            Kind.COLD_START,
            null),
        row(
            "cold restart, a read it twice",
            seen(RELEASED_B, RELEASED_B),
            null,
            Kind.COLD_START,
            null),
        row(
            "switchover to a",
            seen(HELD_BY_B, RELEASED_B),
            TO_A,
            Kind.SWITCHOVER,
            EventKind.TOOK_OVER),
        row(
            "switchover to c, a takes the released lease",
            seen(HELD_BY_B, RELEASED_B),
            TO_C,
            Kind.HANDOVER,
            EventKind.HANDOVER),
        row(
            "switchover to a concerns a later epoch",
            seen(HELD_BY_B, RELEASED_B),
            OLD_TO_A,
            Kind.HANDOVER,
            EventKind.HANDOVER),
        row("a's own released lease", seen(HELD_BY_B, RELEASED_A), null, Kind.REACQUIRED, null),
        row("a's own expired lease", seen(EXPIRED_A), null, Kind.REACQUIRED, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void classifies(String name, Seen seen, Switchover sw, Kind kind, EventKind event) {
    Takeover t = Takeover.classify(seen, "a", sw, 8);
    assertThat(t.kind()).isEqualTo(kind);
    assertThat(t.event().orElse(null)).isEqualTo(event);
    assertThat(t.reason() != null).isEqualTo(event != null);
  }

  static Stream<Arguments> reasons() {
    return Stream.of(
        Arguments.of(
            seen(HELD_BY_B, EXPIRED_B),
            null,
            "took over from b at epoch 8 after its lease expired"),
        Arguments.of(
            seen(HELD_BY_B, RELEASED_B), null, "took over from b at epoch 8 after b released it"),
        Arguments.of(
            seen(HELD_BY_B, RELEASED_B),
            TO_A,
            "took over from b at epoch 8 by switchover requested by ops"));
  }

  @ParameterizedTest
  @MethodSource("reasons")
  void saysWhatHappened(Seen seen, Switchover sw, String reason) {
    assertThat(Takeover.classify(seen, "a", sw, 8).reason()).isEqualTo(reason);
  }
}
