package io.sfc.config;

import io.sfc.core.model.ServiceSpec;
import io.sfc.reader.Section;
import java.time.Duration;
import java.util.List;

/**
 * One item of the {@code services:} list as read.
 *
 * @param section where it is written, for reports about it
 * @param spec the service, or null when a problem was reported in this entry
 * @param ownDeadlineStop the deadline stop timeout written for this service, or null when it
 *     inherits one
 * @param health its health checks, possibly empty
 * @param runner placement, mode and fencing
 */
record ServiceEntry(
    Section section,
    ServiceSpec spec,
    OwnStop ownDeadlineStop,
    List<HealthConfig> health,
    RunnerSettings runner) {

  /**
   * A deadline stop timeout written in the entry.
   *
   * @param key the key that wrote it: {@code deadline_stop_timeout}, or {@code stop_timeout} when
   *     that one serves both stop paths
   * @param timeout its value
   */
  record OwnStop(String key, Duration timeout) {}

  /** True when the entry read without problems. */
  boolean ok() {
    return spec != null;
  }
}
