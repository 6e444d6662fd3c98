package io.sfc.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.AlertKind;
import io.sfc.core.model.EventKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventAlertsTest {

  /** A new event kind must be a deliberate choice: alerted, or listed as routine. */
  @ParameterizedTest
  @EnumSource(EventKind.class)
  void everyEventKindIsEitherAlertedOrRoutine(EventKind kind) {
    boolean alerted = EventAlerts.of(kind).isPresent();
    boolean routine = EventAlerts.ROUTINE.contains(kind);
    assertThat(alerted ^ routine)
        .as("%s: alerted=%s, routine=%s (exactly one must hold)", kind, alerted, routine)
        .isTrue();
  }

  @Test
  void aFailedFenceIsAlerted() {
    assertThat(EventAlerts.of(EventKind.FENCE_FAILED)).contains(AlertKind.FENCING_FAILED);
  }

  @Test
  void aStalledControllerIsAlertedAsSuch() {
    assertThat(EventAlerts.of(EventKind.CONTROLLER_STALLED)).contains(AlertKind.CONTROLLER_STALLED);
  }

  @Test
  void stateFilesThatDidNotMoveAreAlertedAndThoseThatDidAreNot() {
    assertThat(EventAlerts.of(EventKind.STATE_UPLOAD_FAILED))
        .contains(AlertKind.STATE_UPLOAD_FAILED);
    assertThat(EventAlerts.of(EventKind.STATE_RESTORE_FAILED))
        .contains(AlertKind.STATE_RESTORE_FAILED);
    assertThat(EventAlerts.of(EventKind.STATE_UPLOADED)).isEmpty();
    assertThat(EventAlerts.of(EventKind.STATE_RESTORED)).isEmpty();
  }

  @Test
  void onlyAnUnplannedFailoverAlertsAsFailover() {
    assertThat(EventAlerts.of(EventKind.FAILOVER)).contains(AlertKind.FAILOVER);
    assertThat(EventAlerts.of(EventKind.HANDOVER)).isEmpty();
    assertThat(EventAlerts.of(EventKind.TOOK_OVER)).isEmpty();
  }

  @Test
  void everyAlertKindButTheTestOneComesFromSomeEvent() {
    for (AlertKind a : AlertKind.values()) {
      boolean produced =
          a == AlertKind.TEST
              || java.util.Arrays.stream(EventKind.values())
                  .anyMatch(e -> EventAlerts.of(e).filter(a::equals).isPresent());
      assertThat(produced).as("alert kind %s is never produced", a).isTrue();
    }
  }
}
