package io.sfc.daemon;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
   * outstanding. After shutdown a submission is rejected like one of {@link #rejecting}: logged,
   * counted and thrown back, never run by the caller.
   */
  public static ExecutorService actions(String prefix, int threads) {
    return pool(prefix, threads, new LinkedBlockingQueue<>(), new Rejecting(prefix));
  }

  /** How many metastore calls may wait for the metastore-call thread. */
  public static final int METASTORE_QUEUE = 64;

  /**
   * The pool the loop's metastore calls run on, each bounded in time by the caller: one thread, at
   * most {@link #METASTORE_QUEUE} waiting calls, beyond them {@link #rejecting rejected}.
   */
  public static ExecutorService metastoreCalls() {
    return rejecting("sfc-metastore", 1, METASTORE_QUEUE);
  }

  /**
   * For a pool the decision loop submits to and waits on (the metastore calls): at most {@code
   * threads} threads and {@code queue} waiting tasks. A task beyond them (the threads hang in calls
   * that timed out but do not end) is rejected: logged, counted ({@link #rejected}) and thrown back
   * as {@link RejectedExecutionException}, never run by the submitting thread, where it would hold
   * the decision loop without a time limit.
   */
  public static ExecutorService rejecting(String prefix, int threads, int queue) {
    return pool(prefix, threads, new LinkedBlockingQueue<>(queue), new Rejecting(prefix));
  }

  /**
   * At most {@code threads} threads; tasks beyond them queue (bounded by {@code queue}); when the
   * queue is full the submitting thread runs the task itself. Only for pools the decision loop
   * never submits to directly (health checks, fences) or can never fill (see DEVELOPERS.md); not
   * for the actions ({@link #actions}) or the metastore calls ({@link #rejecting}).
   */
  public static ExecutorService bounded(String prefix, int threads, int queue) {
    return pool(
        prefix,
        threads,
        new LinkedBlockingQueue<>(queue),
        new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /**
   * Tasks {@code executor} rejected so far; 0 for one not made by {@link #rejecting}/{@link
   * #actions}.
   */
  public static long rejected(ExecutorService executor) {
    return executor instanceof ThreadPoolExecutor t
            && t.getRejectedExecutionHandler() instanceof Rejecting r
        ? r.count.get()
        : 0;
  }

  /** Logs and counts a rejected task, then throws: the caller never runs it. */
  private static final class Rejecting implements RejectedExecutionHandler {
    private final String pool;
    private final AtomicLong count = new AtomicLong();

    Rejecting(String pool) {
      this.pool = pool;
    }

    @Override
    public void rejectedExecution(Runnable task, ThreadPoolExecutor ex) {
      long n = count.incrementAndGet();
      String why = ex.isShutdown() ? "shut down" : ex.getQueue().size() + " tasks queued";
      LOG.warn("{}: task rejected ({}; {} rejected so far); not run by the caller", pool, why, n);
      throw new RejectedExecutionException(pool + " rejected a task: " + why);
    }
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
