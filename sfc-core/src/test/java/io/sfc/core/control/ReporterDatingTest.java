package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.MemberReport;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.MemberRegistry;
import io.sfc.core.port.MetastoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: an event is dated by when it happened, however late it is written. The reporter
 * measures its wait on the monotonic clock and dates it back from the wall clock at the write.
 */
class ReporterDatingTest {
  private static final long MS = 1_000_000;
  private static final long WALL_START = 1_800_000_000_000L;

  long mono = 5_000 * MS;
  long wall = WALL_START;
  boolean reachable = true;
  final List<Event> stored = new ArrayList<>();

  final EventLog log =
      new EventLog() {
        @Override
        public void record(Event event) throws MetastoreException {
          if (!reachable) {
            throw new MetastoreException("metastore unreachable");
          }
          stored.add(event);
        }

        @Override
        public List<Event> recent(int limit) {
          return stored;
        }
      };

  final MemberRegistry members =
      new MemberRegistry() {
        @Override
        public void report(MemberReport r) {}

        @Override
        public List<MemberReport> members() {
          return List.of();
        }
      };

  final Reporter reporter = new Reporter(log, members, Runnable::run, 100, () -> mono, () -> wall);

  private void pass(long millis) {
    mono += millis * MS;
    wall += millis;
  }

  @Test
  void anEventWrittenAtOnceHappenedWhenItWasWritten() {
    reporter.record(event("acquired"));

    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).occurredAt()).isEqualTo(Instant.ofEpochMilli(WALL_START));
    assertThat(stored.get(0).delayMs()).isZero();
    assertThat(stored.get(0).late()).isFalse();
  }

  @Test
  void anEventQueuedDuringAnOutageIsDatedByWhenItHappened() {
    reachable = false;
    reporter.record(event("killed by its watchdog"));
    pass(500);
    reporter.record(event("self-fenced"));
    pass(19_500);
    reporter.kick();
    assertThat(stored).isEmpty();

    reachable = true;
    reporter.kick();

    assertThat(stored)
        .extracting(Event::reason)
        .containsExactly("killed by its watchdog", "self-fenced");
    assertThat(stored)
        .extracting(Event::occurredAt)
        .containsExactly(Instant.ofEpochMilli(WALL_START), Instant.ofEpochMilli(WALL_START + 500));
    assertThat(stored).extracting(Event::delayMs).containsExactly(20_000L, 19_500L);
    assertThat(stored).allMatch(Event::late);
  }

  /**
   * The wait is measured on the monotonic clock: a wall clock stepped meanwhile does not move it.
   */
  @Test
  void aWallClockSteppedDuringTheOutageDatesTheEventOnTheNewWallClock() {
    reachable = false;
    reporter.record(event("stopped"));
    pass(10_000);
    wall -= 3_600_000;
    reachable = true;

    reporter.kick();

    Instant writtenAt = Instant.ofEpochMilli(wall);
    assertThat(stored.get(0).delayMs()).isEqualTo(10_000);
    assertThat(stored.get(0).occurredAt()).isEqualTo(writtenAt.minusMillis(10_000));
  }

  private static Event event(String reason) {
    return Event.of("n1", "s", 1, EventKind.STOPPED, reason);
  }
}
