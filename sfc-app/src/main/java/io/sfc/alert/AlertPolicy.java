package io.sfc.alert;

import io.sfc.core.model.Alert;

/**
 * Decides which alerts reach people: deduplication, rate limits, "only after N restarts". Swappable
 * so that the dispatcher's queueing and retrying stay independent of what counts as noise. Called
 * from one thread at a time.
 */
@FunctionalInterface
public interface AlertPolicy {

  /**
   * Judges one alert.
   *
   * @param alert the alert
   * @param nowNanos monotonic time
   * @return the alert to send (possibly with a note added), or null to suppress it
   */
  Alert admit(Alert alert, long nowNanos);

  /** Sends everything. */
  static AlertPolicy all() {
    return (alert, now) -> alert;
  }
}
