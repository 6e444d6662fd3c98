package io.sfc.core.sim;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The discrete-event core of the simulation: global time in nanoseconds and a queue of actions
 * ordered by (time, insertion order), so that the same schedule always runs in the same order.
 */
final class Scheduler {
  private record Event(long at, long seq, Runnable action) {}

  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(Comparator.comparingLong(Event::at).thenComparingLong(Event::seq));
  private long now;
  private long seq;
  private long executed;

  long now() {
    return now;
  }

  /** Runs {@code action} at global time {@code at} (or now, if that is in the past). */
  void at(long at, Runnable action) {
    queue.add(new Event(Math.max(at, now), seq++, action));
  }

  void after(long delay, Runnable action) {
    at(now + delay, action);
  }

  /** Runs every event up to and including {@code end}; leaves the clock at {@code end}. */
  void runUntil(long end) {
    while (!queue.isEmpty() && queue.peek().at() <= end) {
      Event e = queue.poll();
      now = e.at();
      executed++;
      e.action().run();
    }
    now = Math.max(now, end);
  }

  long executed() {
    return executed;
  }
}
