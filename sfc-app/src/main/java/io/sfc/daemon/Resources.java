package io.sfc.daemon;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the threads, connections and servers of one controller and closes them in reverse order of
 * registration: what is registered first (the metastore) is closed last, after everything that may
 * still use it. A failure to close one resource is logged and does not keep the others open.
 *
 * <p>Register a resource right after creating it, so that the order of creation is the order of
 * registration and a later resource may depend on an earlier one while it closes.
 */
public final class Resources implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

  private record Owned(String name, AutoCloseable resource) {}

  private final Deque<Owned> owned = new ArrayDeque<>();

  /** Closes {@code resource} with the others; returns it. */
  public <T extends AutoCloseable> T own(T resource) {
    register(resource.getClass().getSimpleName(), resource);
    return resource;
  }

  /** Ends {@code executor} at once ({@code shutdownNow}) with the others; returns it. */
  public <T extends ExecutorService> T own(String name, T executor) {
    register(name, executor::shutdownNow);
    return executor;
  }

  /** A new one-thread scheduler named {@code name}, ended at once with the others. */
  public ScheduledExecutorService scheduler(String name) {
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, Threads.named(name));
    ex.setRemoveOnCancelPolicy(true);
    return own(name, ex);
  }

  /**
   * Lets {@code executor} finish the tasks queued when this closes, waiting at most {@code drain},
   * then ends it; returns it.
   */
  public <T extends ExecutorService> T ownDraining(String name, T executor, Duration drain) {
    register(
        name,
        () -> {
          executor.shutdown();
          if (!executor.awaitTermination(drain.toNanos(), TimeUnit.NANOSECONDS)) {
            LOG.warn("{}: tasks still queued after {} ms; dropping them", name, drain.toMillis());
          }
          executor.shutdownNow();
        });
    return executor;
  }

  private synchronized void register(String name, AutoCloseable resource) {
    owned.push(new Owned(name, resource));
  }

  /** Closes every resource, the last registered first. Idempotent. */
  @Override
  public void close() {
    Owned next;
    while ((next = pop()) != null) {
      closeOne(next);
    }
  }

  private synchronized Owned pop() {
    return owned.poll();
  }

  private static void closeOne(Owned o) {
    try {
      o.resource().close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while closing {}", o.name());
    } catch (Exception e) {
      LOG.warn("cannot close {}: {}", o.name(), e.toString(), e);
    }
  }
}
