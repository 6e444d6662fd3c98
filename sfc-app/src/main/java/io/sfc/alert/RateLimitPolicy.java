package io.sfc.alert;

import io.sfc.core.model.Alert;
import io.sfc.core.model.AlertKind;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The default {@link AlertPolicy}:
 *
 * <ul>
 *   <li><b>retry count before alerting</b> (the original controller's {@code
 *       retry_count_before_alerting}): restart alerts of a service are held back until it has
 *       crashed that many times in a row; lease, step-down and controller alerts reset the count;
 *   <li><b>deduplication</b>: an alert with the same kind, service and message as one sent within
 *       {@code dedupeWindow} is dropped;
 *   <li><b>rate limit</b>: at most {@code maxPerWindow} alerts per service per sliding {@code
 *       window}; the first alert after a quiet spell says how many were suppressed.
 * </ul>
 *
 * Test alerts always pass.
 */
public final class RateLimitPolicy implements AlertPolicy {

  /**
   * @param maxPerWindow alerts per service per window, at least 1
   * @param window sliding window of the rate limit
   * @param dedupeWindow identical alerts within this time are dropped
   * @param retryCountBeforeAlerting restart alerts start with this many crashes in a row (0 = at
   *     once)
   */
  public record Settings(
      int maxPerWindow, Duration window, Duration dedupeWindow, int retryCountBeforeAlerting) {

    public static final Settings DEFAULTS =
        new Settings(5, Duration.ofMinutes(10), Duration.ofMinutes(5), 0);
  }

  private final Settings settings;
  private final Map<String, Deque<Long>> sent = new HashMap<>();
  private final Map<String, Long> lastSame = new HashMap<>();
  private final Map<String, Integer> suppressed = new HashMap<>();
  private final Map<String, Integer> crashesInARow = new HashMap<>();

  public RateLimitPolicy(Settings settings) {
    this.settings = settings;
  }

  @Override
  public synchronized Alert admit(Alert alert, long now) {
    if (alert.kind() == AlertKind.TEST) {
      return alert;
    }
    if (!pastRetryCount(alert)) {
      return null;
    }
    String key = alert.kind() + "|" + alert.service() + "|" + alert.message();
    Long last = lastSame.get(key);
    if (last != null && now - last < settings.dedupeWindow().toNanos()) {
      return suppress(alert);
    }
    Deque<Long> times = sent.computeIfAbsent(alert.service(), s -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= settings.window().toNanos()) {
      times.removeFirst();
    }
    if (times.size() >= settings.maxPerWindow()) {
      return suppress(alert);
    }
    times.addLast(now);
    lastSame.put(key, now);
    return withNote(alert, suppressed.remove(alert.service()));
  }

  private boolean pastRetryCount(Alert alert) {
    switch (alert.kind()) {
      case RESTART:
        int n = crashesInARow.merge(alert.service(), 1, Integer::sum);
        return n > settings.retryCountBeforeAlerting();
      case LEASE_ACQUIRED:
      case LEASE_LOST:
      case STEP_DOWN:
      case FAILOVER:
        crashesInARow.remove(alert.service());
        return true;
      default:
        return true;
    }
  }

  private Alert suppress(Alert alert) {
    suppressed.merge(alert.service(), 1, Integer::sum);
    return null;
  }

  private static Alert withNote(Alert a, Integer count) {
    if (count == null) {
      return a;
    }
    String note = " (" + count + " more alert" + (count == 1 ? "" : "s") + " suppressed)";
    return new Alert(
        a.kind(), a.cluster(), a.node(), a.service(), a.epoch(), a.message() + note, a.at());
  }
}
