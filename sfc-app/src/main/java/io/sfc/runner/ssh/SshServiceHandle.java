package io.sfc.runner.ssh;

import io.sfc.core.port.NodeRunner.ExitListener;
import io.sfc.core.port.ServiceHandle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final Duration stopTimeout;
  private final OutputStream feed;
  private final AtomicBoolean reported = new AtomicBoolean();
  private volatile long watchdogDeadline;
  private boolean closed;

  SshServiceHandle(
      SshConnections ssh,
      SshTarget target,
      ChannelExec channel,
      long pid,
      Duration stopTimeout,
      Duration budget) {
    this.ssh = ssh;
    this.target = target;
    this.channel = channel;
    this.pid = pid;
    this.stopTimeout = stopTimeout;
    this.feed = channel.getInvertedIn();
    this.watchdogDeadline = System.nanoTime() + budget.toNanos();
  }

  /**
   * Calls {@code listener} once with the remote exit status when the channel closes; without a
   * status, not before the remote watchdog must have ended the service.
   */
  void onExit(ExitListener listener, Executor executor) {
    channel.addCloseFutureListener(
        f -> {
          Integer status = channel.getExitStatus();
          long wait =
              status != null ? 0 : watchdogDeadline + stopTimeout.toNanos() - System.nanoTime();
          int s = status != null ? status : CONNECTION_LOST;
          Executor delayed =
              CompletableFuture.delayedExecutor(Math.max(0, wait), TimeUnit.NANOSECONDS, executor);
          CompletableFuture.runAsync(() -> report(listener, s), delayed);
        });
  }

  private void report(ExitListener listener, int status) {
    closeFeed();
    if (reported.compareAndSet(false, true)) {
      listener.exited(status);
    }
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
    if (send(SshRunner.millis(budget) + "\n", false)) {
      watchdogDeadline = System.nanoTime() + budget.toNanos();
    }
  }

  @Override
  public void stop() {
    send("stop\n", true);
    Duration bound = stopTimeout.plus(STOP_GRACE);
    if (!awaitClosed(bound)) {
      killGroup();
      channel.close(true);
    }
  }

  /** Writes one line to the shim; false when the channel is gone (the close listener reports). */
  private synchronized boolean send(String line, boolean thenClose) {
    if (closed) {
      return false;
    }
    boolean ok = true;
    try {
      feed.write(line.getBytes(StandardCharsets.US_ASCII));
      feed.flush();
    } catch (IOException e) {
      ok = false;
      thenClose = true;
    }
    if (thenClose) {
      closeFeed();
    }
    return ok;
  }

  /** Closes the feed: the remote shim sees EOF and stops the service. */
  synchronized void closeFeed() {
    closed = true;
    SshRunner.closeQuietly(feed);
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
