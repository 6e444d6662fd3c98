package io.sfc.alert;

import io.sfc.core.model.Alert;
import io.sfc.core.model.Event;
import io.sfc.core.port.AlertSink;
import io.sfc.core.port.MonotonicClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns recorded events into alerts and delivers them to every sink without ever blocking the
 * caller (the decision thread).
 *
 * <p>{@link #onEvent} maps the event ({@link EventAlerts}), asks the {@link AlertPolicy}, and puts
 * one delivery per sink in a bounded queue; when the queue is full the oldest delivery is dropped
 * and counted. One named thread of the injected scheduled executor sends; a failed delivery is
 * retried with exponential back-off up to {@code attempts} times, then logged and counted. Nothing
 * is lost silently: every drop and every final failure is logged and counted.
 */
public final class AlertDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  /**
   * How deliveries are queued and retried.
   *
   * @param capacity deliveries waiting at most; the oldest is dropped beyond
   * @param attempts tries per delivery, at least 1
   * @param backoffInitial wait before the first retry; doubled each time
   * @param backoffMax longest wait between tries
   */
  public record Delivery(int capacity, int attempts, Duration backoffInitial, Duration backoffMax) {
    public static final Delivery DEFAULTS =
        new Delivery(1000, 5, Duration.ofSeconds(2), Duration.ofMinutes(1));
  }

  private record Job(Alert alert, AlertSink sink, int attempt) {}

  private final String cluster;
  private final List<AlertSink> sinks;
  private final AlertPolicy policy;
  private final Delivery delivery;
  private final ScheduledExecutorService executor;
  private final Clock wall;
  private final MonotonicClock clock;
  private final Deque<Job> queue = new ArrayDeque<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private boolean draining;
  private volatile boolean closed;

  public AlertDispatcher(
      String cluster,
      List<AlertSink> sinks,
      AlertPolicy policy,
      Delivery delivery,
      ScheduledExecutorService executor,
      Clock wall,
      MonotonicClock clock) {
    this.cluster = cluster;
    this.sinks = List.copyOf(sinks);
    this.policy = policy;
    this.delivery = delivery;
    this.executor = executor;
    this.wall = wall;
    this.clock = clock;
  }

  /** The sinks, in configuration order. */
  public List<AlertSink> sinks() {
    return sinks;
  }

  /** Event listener for the Reporter: never blocks. */
  public void onEvent(Event e) {
    EventAlerts.of(e.kind())
        .ifPresent(
            kind ->
                offer(
                    new Alert(
                        kind,
                        cluster,
                        e.node(),
                        e.service(),
                        e.epoch(),
                        e.reason(),
                        wall.instant())));
  }

  /** Queues {@code alert} for every sink, unless the policy suppresses it. Never blocks. */
  public void offer(Alert alert) {
    if (closed || sinks.isEmpty()) {
      return;
    }
    Alert admitted = policy.admit(alert, clock.nanoTime());
    if (admitted == null) {
      suppressed.incrementAndGet();
      LOG.debug("alert suppressed by policy: {}", alert.summary());
      return;
    }
    for (AlertSink sink : sinks) {
      enqueue(new Job(admitted, sink, 1));
    }
  }

  private void enqueue(Job job) {
    boolean start;
    synchronized (this) {
      if (queue.size() >= delivery.capacity()) {
        Job old = queue.removeFirst();
        dropped.incrementAndGet();
        LOG.warn("alert queue full; dropped {} to {}", old.alert().summary(), old.sink().name());
      }
      queue.addLast(job);
      start = !draining;
      draining = true;
    }
    if (start) {
      submit(this::drain, Duration.ZERO);
    }
  }

  private void drain() {
    while (true) {
      Job job;
      synchronized (this) {
        job = queue.pollFirst();
        if (job == null) {
          draining = false;
          return;
        }
      }
      deliver(job);
    }
  }

  private void deliver(Job job) {
    try {
      job.sink().send(job.alert());
      delivered.incrementAndGet();
    } catch (Exception e) {
      retryOrGiveUp(job, e);
    } catch (LinkageError | java.util.ServiceConfigurationError e) {
      // A broken sink (missing class, bad provider file) must not stop the delivery thread.
      failed.incrementAndGet();
      LOG.error(
          "alert {} to {} failed: sink is broken", job.alert().summary(), job.sink().name(), e);
    }
  }

  private void retryOrGiveUp(Job job, Exception e) {
    String what = job.alert().summary() + " to " + job.sink().name();
    if (closed || job.attempt() >= delivery.attempts()) {
      failed.incrementAndGet();
      LOG.error(
          "alert {} failed after {} attempt(s): {}", what, job.attempt(), Failures.describe(e));
      return;
    }
    Duration wait = backoff(job.attempt());
    LOG.warn(
        "alert {} failed (attempt {}), retrying in {}: {}",
        what,
        job.attempt(),
        wait,
        Failures.describe(e));
    Job next = new Job(job.alert(), job.sink(), job.attempt() + 1);
    submit(() -> enqueue(next), wait);
  }

  private Duration backoff(int attempt) {
    Duration d = delivery.backoffInitial().multipliedBy(1L << Math.min(attempt - 1, 20));
    return d.compareTo(delivery.backoffMax()) > 0 ? delivery.backoffMax() : d;
  }

  private void submit(Runnable task, Duration delay) {
    try {
      executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      LOG.error("alert executor refused a task; {} queued alert(s) stay unsent", queue.size(), e);
      synchronized (this) {
        draining = false;
      }
    }
  }

  /**
   * Sends {@code alert} to every sink now, on the calling thread, without policy or retries; for
   * {@code sfc send-test-alert}.
   *
   * @return per sink name, null on success or the failure message
   */
  public Map<String, String> sendNow(Alert alert) {
    Map<String, String> out = new LinkedHashMap<>();
    for (AlertSink sink : sinks) {
      try {
        sink.send(alert);
        out.put(sink.name(), null);
      } catch (Exception e) {
        out.put(sink.name(), Failures.describe(e));
      }
    }
    return out;
  }

  /** Deliveries dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Alerts the policy held back. */
  public long suppressed() {
    return suppressed.get();
  }

  /** Deliveries that failed on every attempt. */
  public long failed() {
    return failed.get();
  }

  /** Deliveries that succeeded. */
  public long delivered() {
    return delivered.get();
  }

  /** Deliveries waiting. */
  public synchronized int backlog() {
    return queue.size();
  }

  /**
   * Waits until the deliveries queued so far have been attempted once (retries scheduled for later
   * are not waited for); for a controller that is stopping and wants its last alerts out.
   *
   * @return true when idle within {@code timeout}
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    try {
      executor
          .schedule(() -> {}, 0, TimeUnit.NANOSECONDS)
          .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return backlog() == 0;
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | java.util.concurrent.RejectedExecutionException e) {
      return false;
    }
  }

  /** Stops retrying; alerts already queued are still attempted once if the executor runs. */
  @Override
  public void close() {
    closed = true;
  }
}
