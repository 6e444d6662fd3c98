package io.sfc.config;

import io.sfc.metastore.EventRetention;
import io.sfc.reader.Section;
import java.time.Duration;
import java.util.List;

/** Reads the {@code events:} section: the event log's retention on every metastore backend. */
final class EventsBinder {
  static final List<String> KEYS = List.of("keep", "max_age");

  private EventsBinder() {}

  /**
   * The retention, the defaults when the section is absent, or null when problems were reported.
   */
  static EventRetention bind(Section root) {
    Section s = root.section("events", KEYS);
    if (s == null) {
      return EventRetention.DEFAULT;
    }
    EventRetention d = EventRetention.DEFAULT;
    Integer keep = s.integer("keep", d.keep(), 1, "e.g. keep: 10000 (events kept per cluster)");
    Duration maxAge = s.duration("max_age", d.maxAge());
    return keep == null || maxAge == null ? null : new EventRetention(keep, maxAge);
  }
}
