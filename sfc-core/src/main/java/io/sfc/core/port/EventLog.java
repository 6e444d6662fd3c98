package io.sfc.core.port;

import io.sfc.core.model.Event;
import java.util.List;

/** The cluster's shared, append-only history: acquisitions, losses, starts, stops, crashes. */
public interface EventLog {

  /** Appends {@code event}, stamped with the metastore's clock. */
  void record(Event event) throws MetastoreException;

  /** The newest {@code limit} events, newest first. */
  List<Event> recent(int limit) throws MetastoreException;
}
