package io.sfc.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminJsonTest {
  @Test
  void historyShowsAKindUnknownToThisVersionByItsRawName() {
    Event future = Event.stored(Instant.EPOCH, "n2", "scheduler", 3, "FUTURE_KIND", "newer");
    Event known = Event.stored(Instant.EPOCH, "n1", "scheduler", 2, "ACQUIRED", "older");

    var json = AdminJson.history(List.of(future, known));

    assertThat(future.kind()).isEqualTo(EventKind.UNKNOWN);
    assertThat(json.get(0).get("kind").asText()).isEqualTo("FUTURE_KIND");
    assertThat(json.get(1).get("kind").asText()).isEqualTo("ACQUIRED");
  }

  @Test
  void anEventOfAnOlderSfcHasOneTimeAndNoNote() {
    Event old = Event.stored(Instant.EPOCH, "n1", "scheduler", 2, "STARTED", "older");

    var json = AdminJson.history(List.of(old)).get(0);

    assertThat(json.get("at").asText()).isEqualTo(Instant.EPOCH.toString());
    assertThat(json.get("recordedAt").asText()).isEqualTo(Instant.EPOCH.toString());
    assertThat(json.get("occurredAt").asText()).isEqualTo(Instant.EPOCH.toString());
    assertThat(json.get("late").asBoolean()).isFalse();
    assertThat(json.get("timesNote").isNull()).isTrue();
  }

  /** Clocks 3 s apart, written at once: both times are shown, but it was not late. */
  @Test
  void timesMoreThanASecondApartAreBothShownWithoutLate() {
    Instant recorded = Instant.parse("2026-12-04T10:00:03Z");
    Event e =
        Event.stored(
            recorded, recorded.minusSeconds(3), 4, "n1", "scheduler", 2, "STARTED", "skewed");

    assertThat(EventTimes.note(e))
        .isEqualTo("recorded at 2026-12-04T10:00:03Z by the metastore's clock");
    assertThat(e.late()).isFalse();
    assertThat(EventTimes.note(e.dated(recorded.minusMillis(900), 4))).isNull();
  }
}
