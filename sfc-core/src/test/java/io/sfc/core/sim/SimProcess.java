package io.sfc.core.sim;

import io.sfc.core.model.StopPath;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import java.time.Duration;

/**
 * One service instance under its simulated watchdog shim, following the shim contract: the instance
 * runs from its spawn until it exits; the shim sends TERM when no feed arrives within the last
 * budget (on the node's own clock, which keeps running while the controller is paused), when its
 * feed pipe closes (controller died) or on a stop request; the instance then exits after its stop
 * latency, or is KILLed at the stop timeout when it ignores TERM.
 */
final class SimProcess implements ServiceHandle {
  private final SimNode node;
  private final String service;
  private final long pid;
  private final long epoch;
  private final NodeRunner.ExitListener onExit;
  private final long spawnedAt;
  private long deadline;
  private int feeds;
  private boolean alive = true;
  private boolean stopping;
  private boolean lost;

  SimProcess(SimNode node, String service, long pid, long epoch, NodeRunner.ExitListener onExit) {
    this.node = node;
    this.service = service;
    this.pid = pid;
    this.epoch = epoch;
    this.onExit = onExit;
    this.spawnedAt = node.scheduler().now();
  }

  @Override
  public long pid() {
    return pid;
  }

  String service() {
    return service;
  }

  long epoch() {
    return epoch;
  }

  SimNode node() {
    return node;
  }

  long spawnedAt() {
    return spawnedAt;
  }

  boolean alive() {
    return alive;
  }

  @Override
  public void feed(Duration budget) {
    if (!alive || stopping || lost) {
      return;
    }
    long nanos = budget.toNanos();
    if (nanos <= 0) {
      terminate("budget exhausted");
      return;
    }
    deadline = node.clock().nanoTime() + nanos;
    int feed = ++feeds;
    node.scheduler().at(node.clock().globalAt(deadline), () -> checkDeadline(feed));
  }

  private void checkDeadline(int feed) {
    if (feed != feeds || !alive || stopping || !node.config().watchdog()) {
      return;
    }
    if (node.clock().nanoTime() < deadline) {
      node.scheduler().at(node.clock().globalAt(deadline) + 1, () -> checkDeadline(feed));
      return;
    }
    terminate("no feed within the budget");
  }

  @Override
  public void stop(StopPath path, Duration budget) {
    if (!lost) {
      terminate("stop requested");
    }
  }

  /** The controller went away: the shim's feed pipe closed. */
  void feedClosed() {
    if (!lost) {
      terminate("feed closed");
    }
  }

  /**
   * The channel to this remote instance is lost, silently: no feed, stop or EOF reaches the shim
   * any more, so it runs until its last budget is spent; the controller is told at once.
   */
  void channelLost() {
    if (alive && !stopping && !lost) {
      lost = true;
      node.timeline().add(node.id(), "channel to pid " + pid + " LOST");
      onExit.lost("sim: channel lost");
    }
  }

  /** The service crashes by itself. */
  void crash() {
    if (alive) {
      node.timeline().add(node.id(), "service pid " + pid + " CRASHES");
      exit(1, "crashed");
    }
  }

  private void terminate(String reason) {
    if (!alive || stopping) {
      return;
    }
    stopping = true;
    long stopTimeout = node.config().timings().stopTimeout().toNanos();
    boolean hung = node.hungStop();
    long latency =
        hung ? stopTimeout : Math.min(stopTimeout, (long) (node.rng().nextDouble() * maxStop()));
    node.timeline()
        .add(node.id(), "shim pid " + pid + ": " + reason + (hung ? " (TERM ignored)" : ""));
    node.scheduler()
        .after(node.clock().globalDuration(latency), () -> exit(hung ? 137 : 143, reason));
  }

  private long maxStop() {
    return node.config().maxStopLatency().toNanos();
  }

  private void exit(int status, String cause) {
    if (!alive) {
      return;
    }
    alive = false;
    node.checker().exited(this, node.scheduler().now(), status == 1);
    node.timeline().add(node.id(), "service pid " + pid + " exited " + status + " (" + cause + ")");
    onExit.exited(status);
  }
}
