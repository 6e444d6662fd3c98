package io.sfc.runner.ssh;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.NodeRunner.ExitListener;
import io.sfc.core.port.ServiceHandle;
import io.sfc.runner.shim.ShimFeed;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;

/**
 * A service instance started by {@link SshRunner}: the exec channel whose stdin is the shim's feed,
 * and the remote pid of the service (also its process group id).
 */
public final class SshServiceHandle implements ServiceHandle {

  /** Reported when the channel closed without an exit status (connection lost), like ssh(1). */
  public static final int CONNECTION_LOST = 255;

  static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private final SshConnections ssh;
  private final SshTarget target;
  private final ChannelExec channel;
  private final long pid;
  private final ServiceSpec spec;
  private final ShimFeed feed;
  private final MonotonicClock clock;
  private volatile long watchdogDeadline;

  SshServiceHandle(
      SshConnections ssh,
      SshTarget target,
      ChannelExec channel,
      long pid,
      ServiceSpec spec,
      Duration budget,
      MonotonicClock clock) {
    this.ssh = ssh;
    this.target = target;
    this.channel = channel;
    this.pid = pid;
    this.spec = spec;
    this.feed = new ShimFeed(channel.getInvertedIn());
    this.clock = clock;
    this.watchdogDeadline = clock.nanoTime() + budget.toNanos();
  }

  /**
   * Calls {@code listener} once with the remote exit status when the channel closes; without a
   * status (the connection was lost), first {@link ExitListener#lost} at once — the instance's
   * state is unknown, it may still run — and the exit not before the remote watchdog must have
   * ended the service: the feed is gone, so by a deadline stop from the end of the last budget at
   * the latest.
   */
  void onExit(ExitListener listener, Executor executor) {
    long deadlineStop = spec.stopTimeout(StopPath.DEADLINE).toNanos();
    channel.addCloseFutureListener(
        f -> {
          Integer status = channel.getExitStatus();
          if (status == null) {
            String why =
                "the channel to "
                    + target.describe()
                    + " closed without an exit status (connection lost)";
            CompletableFuture.runAsync(() -> listener.lost(why), executor);
          }
          long wait = status != null ? 0 : watchdogDeadline + deadlineStop - clock.nanoTime();
          int s = status != null ? status : CONNECTION_LOST;
          Executor delayed =
              CompletableFuture.delayedExecutor(Math.max(0, wait), TimeUnit.NANOSECONDS, executor);
          CompletableFuture.runAsync(() -> feed.reportOnce(listener, s), delayed);
        });
  }

  @Override
  public long pid() {
    return pid;
  }

  /** Whether the channel to the remote shim is still open. */
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void feed(Duration budget) {
    if (feed.feed(budget)) {
      watchdogDeadline = clock.nanoTime() + budget.toNanos();
    }
  }

  @Override
  public void stop(StopPath path, Duration budget) {
    feed.stop(path, budget);
    if (path == StopPath.PLANNED) {
      watchdogDeadline = clock.nanoTime() + budget.toNanos();
    }
    Duration bound = spec.stopTimeout(path).plus(STOP_GRACE);
    if (!awaitClosed(bound)) {
      killGroup();
      channel.close(true);
    }
  }

  /** Closes the feed: the remote shim sees EOF and stops the service. */
  void closeFeed() {
    feed.closeFeed();
  }

  private boolean awaitClosed(Duration bound) {
    return !channel
        .waitFor(EnumSet.of(ClientChannelEvent.CLOSED), bound.toMillis())
        .contains(ClientChannelEvent.TIMEOUT);
  }

  /** KILLs the service's process group over a separate exec channel. */
  private void killGroup() {
    try {
      ssh.exec(target, "kill -KILL -- -" + pid, null);
    } catch (IOException e) {
      // the remote shim's watchdog still ends the group once its feed is gone
    }
  }
}
