package io.sfc.core.control;

import io.sfc.core.model.Event;
import io.sfc.core.model.MemberReport;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.MemberRegistry;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.MonotonicClock;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Writes events and member reports to the metastore off the decision thread. Nothing is lost while
 * the metastore is unreachable: events wait in a bounded queue (oldest dropped, and counted, past
 * {@code capacity}) and are written in order once it answers again; for member reports only the
 * latest per service matters.
 *
 * <p>Each event is dated when it is written: it happened {@code delay} ago, the time it waited in
 * the queue on the monotonic clock, so its {@link Event#occurredAt} is the wall clock then minus
 * that delay, exact however long the metastore was away and even if the wall clock was stepped
 * meanwhile.
 */
public final class Reporter {
  private static final Logger LOG = System.getLogger(Reporter.class.getName());

  private final EventLog events;
  private final MemberRegistry members;
  private final Executor executor;
  private final int capacity;
  private final MonotonicClock clock;
  private final LongSupplier wallMillis;
  private final Deque<Pending> pendingEvents = new ArrayDeque<>();
  private final Map<String, MemberReport> pendingReports = new LinkedHashMap<>();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private long dropped;

  /** An event and the monotonic instant it was recorded at. */
  private record Pending(Event event, long nanos) {}

  /**
   * @param clock the monotonic clock an event's wait in the queue is measured on
   * @param wallMillis this controller's wall clock in epoch milliseconds, which events are dated by
   */
  public Reporter(
      EventLog events,
      MemberRegistry members,
      Executor executor,
      int capacity,
      MonotonicClock clock,
      LongSupplier wallMillis) {
    this.events = events;
    this.members = members;
    this.executor = executor;
    this.capacity = capacity;
    this.clock = clock;
    this.wallMillis = wallMillis;
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
      pendingEvents.addLast(new Pending(event, clock.nanoTime()));
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
    Pending p;
    while ((p = peekEvent()) != null) {
      events.record(dated(p));
      removeEvent(p);
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

  /** The event of {@code p} dated now: it happened as long ago as it has waited. */
  private Event dated(Pending p) {
    long delayMs = Math.max(0, (clock.nanoTime() - p.nanos()) / 1_000_000);
    return p.event().dated(Instant.ofEpochMilli(wallMillis.getAsLong() - delayMs), delayMs);
  }

  private synchronized Pending peekEvent() {
    return pendingEvents.peekFirst();
  }

  private synchronized void removeEvent(Pending e) {
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
