package io.sfc.daemon;

import io.sfc.core.control.Reporter;
import io.sfc.core.model.Event;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.MetastoreException;
import java.util.List;

/** An event log whose writes go through the reporter's queue, so a fence never waits on them. */
final class QueuedEventLog implements EventLog {
  private final Reporter reporter;
  private final EventLog log;

  /**
   * @param log where {@link #recent} reads from
   */
  QueuedEventLog(Reporter reporter, EventLog log) {
    this.reporter = reporter;
    this.log = log;
  }

  @Override
  public void record(Event event) {
    reporter.record(event);
  }

  @Override
  public List<Event> recent(int limit) throws MetastoreException {
    return log.recent(limit);
  }
}
