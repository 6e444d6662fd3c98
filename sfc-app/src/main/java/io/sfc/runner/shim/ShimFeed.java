package io.sfc.runner.shim;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.port.NodeRunner.ExitListener;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The controller's side of the wire protocol with the watchdog shim {@code sfc-shim} (DESIGN.md
 * §2.4), the same for a local shim (its stdin) and a remote one (the SSH channel's stdin):
 *
 * <ul>
 *   <li>the shim is started with {@link #arguments}: stop signal, then the stop timeouts of a
 *       planned and of a deadline stop and the first budget in milliseconds, then {@code --} and
 *       the command;
 *   <li>its first output line is {@code pid <PID>} ({@link #readPid});
 *   <li>each {@link #feed} is one line {@code <ms>\n}, the new budget;
 *   <li>a planned {@link #stop} is the line {@code stop <ms>\n}: a planned stop (stop signal, KILL
 *       after the planned stop timeout) with a new budget; the feed stays open, and the budget and
 *       the feeds that follow still bind the service while it stops;
 *   <li>a closed feed (EOF, {@link #closeFeed}: a deadline {@link #stop}, or this JVM died), a
 *       lapsed budget or a malformed line make the shim stop the service's process group with KILL
 *       after the deadline stop timeout, also when a planned stop is under way;
 *   <li>the instance's exit is reported once ({@link #reportOnce}), whoever sees it first.
 * </ul>
 */
public final class ShimFeed {
  private final OutputStream out;
  private final AtomicBoolean reported = new AtomicBoolean();
  private boolean closed;

  /**
   * @param out the shim's stdin
   */
  public ShimFeed(OutputStream out) {
    this.out = out;
  }

  /**
   * The shim's arguments before the command: stop signal, planned and deadline stop timeouts,
   * budget, {@code --}.
   */
  public static List<String> arguments(ServiceSpec spec, Duration budget) {
    return List.of(
        spec.stopSignal(),
        Long.toString(millis(spec.stopTimeout(StopPath.PLANNED))),
        Long.toString(millis(spec.stopTimeout(StopPath.DEADLINE))),
        Long.toString(millis(budget)),
        "--");
  }

  /**
   * Reads the shim's first line from {@code in} and returns the pid it names.
   *
   * @throws IOException when the line cannot be read or is not {@code pid <N>}
   */
  public static long readPid(InputStream in) throws IOException {
    String line =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
    if (line == null || !line.matches("pid [0-9]+")) {
      throw new IOException("unexpected first line from the shim: " + line);
    }
    return Long.parseLong(line.substring(4));
  }

  /**
   * Gives the shim a new budget.
   *
   * @return false when the feed is closed or the write failed (the feed is then closed)
   */
  public boolean feed(Duration budget) {
    return send(millis(budget) + "\n");
  }

  /**
   * Asks the shim to stop its service by {@code path}: a planned stop is the line {@code stop
   * <budget>}, after which the feed stays open; a deadline stop closes the feed.
   */
  public void stop(StopPath path, Duration budget) {
    if (path == StopPath.PLANNED) {
      send("stop " + millis(budget) + "\n");
    } else {
      closeFeed();
    }
  }

  /** Writes one line; a shim that is gone is ignored (its exit is reported by its owner). */
  private synchronized boolean send(String line) {
    if (closed) {
      return false;
    }
    try {
      out.write(line.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return true;
    } catch (IOException e) {
      closeFeed();
      return false;
    }
  }

  /**
   * Closes the feed: the shim sees EOF, as if this JVM had died, and ends its service by a deadline
   * stop.
   */
  public synchronized void closeFeed() {
    closed = true;
    closeQuietly(out);
  }

  /** Closes the feed and tells {@code listener} the exit status, the first time only. */
  public void reportOnce(ExitListener listener, int status) {
    closeFeed();
    if (reported.compareAndSet(false, true)) {
      listener.exited(status);
    }
  }

  /** Closes a stream of the shim that is not used any more. */
  public static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to do: the shim's exit is reported by its owner
    }
  }

  private static long millis(Duration d) {
    return Math.max(0, d.toMillis());
  }
}
