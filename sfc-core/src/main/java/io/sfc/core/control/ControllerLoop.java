package io.sfc.core.control;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.port.ChangeWatch;
import io.sfc.core.port.MonotonicClock;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The one decision thread of a controller. Each round drains the inbox (process exits, finished
 * starts, shutdown requests), then steps every {@link ServiceController} that is due, then waits
 * until the next step is due or something arrives in the inbox. A failure inside a round is logged
 * and the loop goes on: a loop that dies silently is an outage.
 *
 * <p>A {@link #hint hint} of the metastore's {@link ChangeWatch} makes the services it names due at
 * once: they read the metastore in the next round, and decide from that read by the same rules.
 * Hints change only when a read happens, never what is decided.
 */
public final class ControllerLoop implements Runnable {
  private static final Logger LOG = System.getLogger(ControllerLoop.class.getName());

  private final String node;
  private final List<ServiceController> services = new ArrayList<>();
  private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
  private final Reporter reporter;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final MonotonicClock clock;
  private final List<LoopObserver> observers = new CopyOnWriteArrayList<>();

  private final Waiter waiter;

  /** A service due within this much is stepped in the current round rather than the next. */
  private static final long DUE_SLACK_NANOS = 1_000_000;

  /** The shortest wait between two rounds, so that a loop that is always due does not spin. */
  public static final long MIN_WAIT_NANOS = 1_000_000;

  /**
   * A wait that ends this much later than its limit means the loop thread did not run meanwhile
   * (the process was stopped, starved of CPU or its host paused): each service is told before the
   * next round, so that it records the stall rather than blame the metastore for a call that fails
   * right after it.
   */
  public static final long STALL_NANOS = 1_000_000_000L;

  private volatile long lastRoundNanos;

  private volatile boolean shutdownRequested;

  /** The names of {@link #services}, for {@link #hint} on other threads. */
  private volatile Set<String> names = Set.of();

  /** Services named by hints since the last round ({@link ChangeWatch#ALL}: every service). */
  private final Set<String> hinted = ConcurrentHashMap.newKeySet();

  /** True while a {@link #wake} is in the inbox, so that a burst of hints posts one. */
  private final AtomicBoolean wakePending = new AtomicBoolean();

  /** The inbox task of a hint: ends the wait; unlike other inbox work, steps only what is due. */
  private final Runnable wake = () -> wakePending.set(false);

  /**
   * How the loop thread waits between rounds. A port so that the waiting can be replaced, e.g. by a
   * test that moves a manual clock instead of blocking.
   */
  @FunctionalInterface
  public interface Waiter {
    /**
     * Waits up to {@code nanos} for work to arrive in {@code inbox}.
     *
     * @return the first task that arrived, removed from the inbox; null when the time passed
     */
    Runnable await(BlockingQueue<Runnable> inbox, long nanos) throws InterruptedException;

    /** Blocks the calling thread on the inbox (production). */
    static Waiter blocking() {
      return (inbox, nanos) -> inbox.poll(nanos, TimeUnit.NANOSECONDS);
    }
  }

  public ControllerLoop(String node, Reporter reporter, MonotonicClock clock) {
    this(node, reporter, clock, Waiter.blocking());
  }

  public ControllerLoop(String node, Reporter reporter, MonotonicClock clock, Waiter waiter) {
    this.node = node;
    this.reporter = reporter;
    this.clock = clock;
    this.waiter = waiter;
  }

  /** Adds a service; call before {@link #run()}. */
  public void add(ServiceController controller) {
    services.add(controller);
    names = services.stream().map(ServiceController::service).collect(Collectors.toSet());
  }

  /** Adds an observer that sees every completed round (status page, metrics). */
  public void addObserver(LoopObserver observer) {
    observers.add(observer);
  }

  /** Posts work to run on the loop thread; wakes the loop. Safe from any thread. */
  public void post(Runnable task) {
    inbox.add(task);
  }

  /**
   * Makes {@code service} ({@link ChangeWatch#ALL}: every service) due at once, so that it reads
   * the metastore in the next round; a hint for a service this loop does not run is ignored. Safe
   * from any thread, never blocks; a burst of hints wakes the loop once.
   */
  public void hint(String service) {
    if (!service.equals(ChangeWatch.ALL) && !names.contains(service)) {
      return;
    }
    hinted.add(service);
    if (wakePending.compareAndSet(false, true)) {
      inbox.add(wake);
    }
  }

  public List<ServiceController> services() {
    return List.copyOf(services);
  }

  @Override
  public void run() {
    reporter.record(Event.of(node, "-", 0, EventKind.CONTROLLER_STARTED, "controller started"));
    try {
      roundSafely(null);
      while (!allDone()) {
        long wait = Math.max(nanosUntilNextDue(), MIN_WAIT_NANOS);
        long waited = clock.nanoTime();
        Runnable woke = waiter.await(inbox, wait);
        noticeStall(clock.nanoTime() - waited - wait);
        roundSafely(woke);
      }
      reporter.record(Event.of(node, "-", 0, EventKind.CONTROLLER_STOPPED, "controller stopped"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.log(Level.WARNING, "controller loop interrupted; the watchdogs stop the services");
    } finally {
      finished.countDown();
    }
  }

  /** Tells every service when the wait overran its limit by {@code overrun} beyond the bound. */
  private void noticeStall(long overrun) {
    if (overrun < STALL_NANOS) {
      return;
    }
    LOG.log(
        Level.WARNING,
        "controller did not run for {0} ms (stopped, starved or paused)",
        overrun / 1_000_000);
    for (ServiceController s : services) {
      try {
        s.stalled(overrun);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "recording the stall failed", e);
      }
    }
  }

  /**
   * One round: the inbox, then a step of every service that is due. When the inbox had work (a
   * process exit, a finished start, a health result, shutdown), every service is stepped, since a
   * task may concern any of them. Stepping only what is due keeps the metastore reads of a round
   * proportional to the services that need them, so many services do not slow every lease down.
   * Public so a simulation can drive it.
   */
  public void round() {
    round(null);
  }

  /** A round that first runs {@code woke}, the task that ended the wait (or null). */
  private void round(Runnable woke) {
    if (woke != null) {
      woke.run();
    }
    boolean all = drainInbox() || (woke != null && woke != wake);
    boolean allHinted = hinted.remove(ChangeWatch.ALL);
    for (ServiceController s : services) {
      boolean hint = hinted.remove(s.service()) || allHinted;
      if (all || hint || s.nanosUntilDue() <= DUE_SLACK_NANOS) {
        s.step();
      }
    }
    reporter.kick();
  }

  /** Runs the inbox; true when it held work other than a hint's wake. */
  private boolean drainInbox() {
    boolean ran = false;
    Runnable task;
    while ((task = inbox.poll()) != null) {
      task.run();
      ran |= task != wake;
    }
    return ran;
  }

  private void roundSafely(Runnable woke) {
    try {
      long started = clock.nanoTime();
      round(woke);
      lastRoundNanos = clock.nanoTime();
      tellObservers(started, lastRoundNanos);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "controller loop round failed; continuing", e);
    }
  }

  private void tellObservers(long started, long ended) {
    if (observers.isEmpty()) {
      return;
    }
    List<LoopObserver.ServiceStatus> statuses = new ArrayList<>(services.size());
    for (ServiceController s : services) {
      statuses.add(
          new LoopObserver.ServiceStatus(s.service(), s.state(), s.lastReason(), s.rejection()));
    }
    List<LoopObserver.ServiceStatus> view = List.copyOf(statuses);
    for (LoopObserver o : observers) {
      try {
        o.roundCompleted(started, ended, view);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "loop observer failed", e);
      }
    }
  }

  /**
   * How long until the first service is due (0 when one is due now or there is none). The loop
   * waits that long, at least {@link #MIN_WAIT_NANOS}, unless the inbox gets work first.
   */
  public long nanosUntilNextDue() {
    return services.stream().mapToLong(ServiceController::nanosUntilDue).min().orElse(0);
  }

  private boolean allDone() {
    return shutdownRequested && services.stream().allMatch(ServiceController::isDone);
  }

  /** Asks every service to stop and release its lease; the loop ends when all have. */
  public void shutdown() {
    post(
        () -> {
          shutdownRequested = true;
          services.forEach(ServiceController::shutdown);
        });
  }

  /** Waits for the loop to end; true if it ended in time. */
  public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
    return finished.await(timeout, unit);
  }

  /** Monotonic time of the last completed round, for the controller's health endpoint. */
  public long lastRoundNanos() {
    return lastRoundNanos;
  }
}
