package io.sfc.runner.shim;

import io.sfc.core.model.ServiceSpec;
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
 *   <li>the shim is started with {@link #arguments}: stop signal, stop timeout and first budget in
 *       milliseconds, then {@code --} and the command;
 *   <li>its first output line is {@code pid <PID>} ({@link #readPid});
 *   <li>each {@link #feed} is one line {@code <ms>\n}, the new budget; {@link #stop} is the line
 *       {@code stop\n}, after which the feed is closed;
 *   <li>a closed feed (EOF, {@link #closeFeed}) makes the shim kill the service's process group;
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

  /** The shim's arguments before the command: stop signal, stop timeout, budget, {@code --}. */
  public static List<String> arguments(ServiceSpec spec, Duration budget) {
    return List.of(
        spec.stopSignal(),
        Long.toString(millis(spec.stopTimeout())),
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
    return send(millis(budget) + "\n", false);
  }

  /** Asks the shim to stop its service and closes the feed. */
  public void stop() {
    send("stop\n", true);
  }

  /** Writes one line; a shim that is gone is ignored (its exit is reported by its owner). */
  private synchronized boolean send(String line, boolean thenClose) {
    if (closed) {
      return false;
    }
    boolean ok = true;
    try {
      out.write(line.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      ok = false;
      thenClose = true;
    }
    if (thenClose) {
      closeFeed();
    }
    return ok;
  }

  /** Closes the feed without a stop request, as if this JVM had died: the shim sees EOF. */
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
