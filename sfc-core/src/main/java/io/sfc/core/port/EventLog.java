package io.sfc.core.port;

import io.sfc.core.model.Event;
import java.util.List;

/** The cluster's shared, append-only history: acquisitions, losses, starts, stops, crashes. */
public interface EventLog {

  /**
   * Appends {@code event}, stamped with the metastore's clock as when it was recorded, and keeps
   * its {@link Event#occurredAt} and {@link Event#delayMs} as the recording controller dated them
   * (an undated event is stored as having happened when it was recorded).
   */
  void record(Event event) throws MetastoreException;

  /**
   * The newest {@code limit} events recorded, newest first by when they happened ({@link
   * Event#NEWEST_FIRST}; events recorded late, after a metastore outage, take their place by their
   * {@code occurredAt}). Events stored by an older sfc, with one time only, read as having happened
   * when they were recorded.
   */
  List<Event> recent(int limit) throws MetastoreException;
}
