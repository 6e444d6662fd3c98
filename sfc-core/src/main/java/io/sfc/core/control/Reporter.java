package io.sfc.core.control;

import io.sfc.core.model.Event;
import io.sfc.core.model.MemberReport;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.MemberRegistry;
import io.sfc.core.port.MetastoreException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Writes events and member reports to the metastore off the decision thread. Nothing is lost while
 * the metastore is unreachable: events wait in a bounded queue (oldest dropped, and counted, past
 * {@code capacity}) and are written in order once it answers again; for member reports only the
 * latest per service matters.
 */
public final class Reporter {
  private static final Logger LOG = System.getLogger(Reporter.class.getName());

  private final EventLog events;
  private final MemberRegistry members;
  private final Executor executor;
  private final int capacity;
  private final Deque<Event> pendingEvents = new ArrayDeque<>();
  private final Map<String, MemberReport> pendingReports = new LinkedHashMap<>();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private long dropped;

  public Reporter(EventLog events, MemberRegistry members, Executor executor, int capacity) {
    this.events = events;
    this.members = members;
    this.executor = executor;
    this.capacity = capacity;
  }

  /**
   * Adds a listener that sees every event as it is recorded, on the recording thread (usually the
   * decision thread): it must only hand the event on, never block. A listener that throws is logged
   * and kept.
   */
  public void addListener(Consumer<Event> listener) {
    listeners.add(listener);
  }

  /** Queues {@code event}, logs it locally at once and tells the listeners. */
  public void record(Event event) {
    LOG.log(
        Level.INFO,
        "event {0} {1} epoch {2}: {3}",
        event.kind(),
        event.service(),
        event.epoch(),
        event.reason());
    for (Consumer<Event> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "event listener failed", e);
      }
    }
    synchronized (this) {
      if (pendingEvents.size() >= capacity) {
        pendingEvents.removeFirst();
        dropped++;
      }
      pendingEvents.addLast(event);
    }
    kick();
  }

  /** Queues {@code report}, replacing any unwritten report for the same service. */
  public void report(MemberReport report) {
    synchronized (this) {
      pendingReports.put(report.service(), report);
    }
    kick();
  }

  /** Events dropped because the queue was full. */
  public synchronized long dropped() {
    return dropped;
  }

  /** Events not yet written. */
  public synchronized int backlog() {
    return pendingEvents.size();
  }

  /** Starts a flush unless one runs. Safe to call often. */
  public void kick() {
    if (flushing.compareAndSet(false, true)) {
      executor.execute(this::flushSafely);
    }
  }

  private void flushSafely() {
    boolean complete = false;
    try {
      flush();
      complete = true;
    } catch (MetastoreException e) {
      LOG.log(Level.DEBUG, "metastore write postponed: {0}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "metastore writer failed; will retry", e);
    } finally {
      flushing.set(false);
    }
    if (complete && hasPending()) {
      kick();
    }
  }

  private synchronized boolean hasPending() {
    return !pendingEvents.isEmpty() || !pendingReports.isEmpty();
  }

  private void flush() throws MetastoreException {
    Event e;
    while ((e = peekEvent()) != null) {
      events.record(e);
      removeEvent(e);
    }
    MemberReport r;
    while ((r = nextReport()) != null) {
      try {
        members.report(r);
      } catch (MetastoreException ex) {
        requeue(r);
        throw ex;
      }
    }
  }

  private synchronized void requeue(MemberReport r) {
    pendingReports.putIfAbsent(r.service(), r);
  }

  private synchronized Event peekEvent() {
    return pendingEvents.peekFirst();
  }

  private synchronized void removeEvent(Event e) {
    if (pendingEvents.peekFirst() == e) {
      pendingEvents.removeFirst();
    }
  }

  private synchronized MemberReport nextReport() {
    var it = pendingReports.values().iterator();
    if (!it.hasNext()) {
      return null;
    }
    MemberReport r = it.next();
    it.remove();
    return r;
  }
}
