package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reporter listeners see every event at once, and one that throws breaks nothing. */
class ReporterListenerTest {
  final List<Event> stored = new ArrayList<>();
  final RecordingReports log = new RecordingReports(stored);

  @Test
  void everyListenerSeesEveryEventEvenWhenAnotherThrows() {
    Reporter r = new Reporter(log, log, Runnable::run, 10, () -> 0L, () -> 0L);
    List<Event> seen = new ArrayList<>();
    r.addListener(
        e -> {
          throw new IllegalStateException("broken listener");
        });
    r.addListener(seen::add);
    Event a = Event.of("n1", "s", 1, EventKind.ACQUIRED, "acquired lease at epoch 1");
    Event b = Event.of("n1", "s", 1, EventKind.CRASHED, "service exited with status 1");

    r.record(a);
    r.record(b);

    assertThat(seen).containsExactly(a, b);
    // issue 16: what is stored is the event dated when written (here the clocks read 0)
    assertThat(stored).containsExactly(a.dated(Instant.EPOCH, 0), b.dated(Instant.EPOCH, 0));
  }
}
