package io.sfc.core.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** What happened in one run, in global time, kept for a failure report (the newest lines). */
final class Timeline {
  private record Line(long at, String who, String what) {
    @Override
    public String toString() {
      return String.format("%10.3fs  %-10s %s", at / 1e9, who, what);
    }
  }

  private final Scheduler scheduler;
  private final int capacity;
  private final Deque<Line> lines = new ArrayDeque<>();

  Timeline(Scheduler scheduler, int capacity) {
    this.scheduler = scheduler;
    this.capacity = capacity;
  }

  void add(String who, String what) {
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(new Line(scheduler.now(), who, what));
  }

  /** The last {@code max} lines up to global time {@code until}. */
  String render(long until, int max) {
    List<Line> upTo = lines.stream().filter(l -> l.at() <= until).toList();
    List<Line> tail = upTo.subList(Math.max(0, upTo.size() - max), upTo.size());
    StringBuilder b = new StringBuilder();
    tail.forEach(l -> b.append(l).append('\n'));
    return b.toString();
  }
}
