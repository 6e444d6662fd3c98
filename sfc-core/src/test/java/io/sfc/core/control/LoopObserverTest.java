package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Observers see every completed round with its timing; a failing observer does not stop it. */
class LoopObserverTest {
  final AtomicLong now = new AtomicLong(1_000);
  final List<Round> seen = new ArrayList<>();

  record Round(long started, long ended, List<LoopObserver.ServiceStatus> services) {}

  static Reporter reporter() {
    RecordingReports reports = new RecordingReports(new ArrayList<>());
    return new Reporter(reports, reports, Runnable::run, 10, () -> 0L, () -> 0L);
  }

  @Test
  void seesEveryRoundAndSurvivesAFailingObserver() {
    ControllerLoop loop = new ControllerLoop("n1", reporter(), () -> now.addAndGet(5));
    loop.addObserver(
        (s, e, services) -> {
          throw new IllegalStateException("broken observer");
        });
    loop.addObserver((s, e, services) -> seen.add(new Round(s, e, services)));
    loop.shutdown();

    loop.run();

    assertThat(seen).isNotEmpty();
    assertThat(seen).allSatisfy(ev -> assertThat(ev.ended()).isGreaterThan(ev.started()));
    assertThat(seen.get(0).services()).isEmpty();
  }
}
