package io.sfc.core.health;

import io.sfc.core.port.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Timer} on a manual clock: {@link #advance} runs every task that has become due. */
public final class ManualTimer implements Timer {
  private long now;
  private long seq;
  private final List<long[]> order = new ArrayList<>();
  private final List<Runnable> tasks = new ArrayList<>();

  public ManualTimer(long start) {
    this.now = start;
  }

  public long now() {
    return now;
  }

  @Override
  public synchronized Runnable schedule(Runnable task, Duration delay) {
    long[] key = {now + delay.toNanos(), seq++};
    order.add(key);
    tasks.add(task);
    return () -> remove(key);
  }

  private synchronized void remove(long[] key) {
    int i = order.indexOf(key);
    if (i >= 0) {
      order.remove(i);
      tasks.remove(i);
    }
  }

  /** Moves the clock forward by {@code d}, running due tasks in time order. */
  public void advance(Duration d) {
    long end = now + d.toNanos();
    while (true) {
      Runnable next;
      synchronized (this) {
        int i = nextDue(end);
        if (i < 0) {
          now = end;
          return;
        }
        now = Math.max(now, order.get(i)[0]);
        order.remove(i);
        next = tasks.remove(i);
      }
      next.run();
    }
  }

  private int nextDue(long end) {
    int best = -1;
    Comparator<long[]> c = Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]);
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i)[0] <= end && (best < 0 || c.compare(order.get(i), order.get(best)) < 0)) {
        best = i;
      }
    }
    return best;
  }

  /** Number of pending tasks. */
  public synchronized int pending() {
    return tasks.size();
  }
}
