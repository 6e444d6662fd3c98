package io.sfc.daemon;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named, bounded executors whose threads log anything that escapes a task. */
public final class Threads {
  private static final Logger LOG = LoggerFactory.getLogger(Threads.class);

  private Threads() {}

  /** A thread factory naming threads {@code prefix-N}; daemon threads. */
  public static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      t.setUncaughtExceptionHandler((th, e) -> LOG.error("uncaught in {}", th.getName(), e));
      return t;
    };
  }

  /**
   * The executor of a controller's long actions (launch with fencing, stop): {@code threads}
   * threads and an unbounded queue, so a submission never blocks and never runs on the submitting
   * thread — which is the decision loop, and must keep renewing while a launch takes its time. The
   * queue stays short: each service has at most a launch and the stops of its one instance
   * outstanding. After shutdown a submission is rejected with {@link
   * java.util.concurrent.RejectedExecutionException}, never run by the caller.
   */
  public static ExecutorService actions(String prefix, int threads) {
    return pool(prefix, threads, new LinkedBlockingQueue<>(), new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * At most {@code threads} threads; tasks beyond them queue (bounded by {@code queue}); when the
   * queue is full the submitting thread runs the task itself. Not for the action executor (see
   * {@link #actions}).
   */
  public static ExecutorService bounded(String prefix, int threads, int queue) {
    return pool(
        prefix,
        threads,
        new LinkedBlockingQueue<>(queue),
        new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** {@code threads} named threads that end after 30 s idle. */
  private static ExecutorService pool(
      String prefix,
      int threads,
      BlockingQueue<Runnable> queue,
      RejectedExecutionHandler whenRejected) {
    ThreadPoolExecutor ex =
        new ThreadPoolExecutor(
            threads, threads, 30, TimeUnit.SECONDS, queue, named(prefix), whenRejected);
    ex.allowCoreThreadTimeOut(true);
    return ex;
  }
}
