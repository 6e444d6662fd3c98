package io.sfc.admin;

import io.sfc.core.model.StoredState;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the metastore holds of one service's state files ({@code state_files}), for status.
 *
 * @param configured the names configured for the service, in order; empty when it carries none
 * @param stored the newest stored copy of each configured file that has one
 */
public record StateSummary(List<String> configured, List<StoredFile> stored) {

  /** A service without state files. */
  public static final StateSummary NONE = new StateSummary(List.of(), List.of());

  /**
   * One stored copy.
   *
   * @param name the file's configured name
   * @param epoch the lease epoch that wrote it
   * @param bytes its size
   * @param age time since it was written, on the metastore's clock
   */
  public record StoredFile(String name, long epoch, int bytes, Duration age) {
    static StoredFile of(StoredState s) {
      return new StoredFile(s.name(), s.epoch(), s.size(), s.age());
    }
  }

  public StateSummary {
    configured = List.copyOf(configured);
    stored = List.copyOf(stored);
  }

  /** True when the service carries state files. */
  public boolean any() {
    return !configured.isEmpty();
  }

  /** The age of the newest stored copy, or empty when none is stored. */
  public Optional<Duration> newestAge() {
    return stored.stream().map(StoredFile::age).min(Comparator.naturalOrder());
  }
}
