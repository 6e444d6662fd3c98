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
}
