package io.sfc.core.control;

import io.sfc.core.model.Event;
import io.sfc.core.model.MemberReport;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.MemberRegistry;
import java.util.List;

/** Test event log that appends to a list the test reads; member reports are dropped. */
final class RecordingReports implements EventLog, MemberRegistry {
  private final List<Event> events;

  RecordingReports(List<Event> events) {
    this.events = events;
  }

  @Override
  public void record(Event e) {
    events.add(e);
  }

  @Override
  public List<Event> recent(int limit) {
    return events;
  }

  @Override
  public void report(MemberReport r) {}

  @Override
  public List<MemberReport> members() {
    return List.of();
  }
}
