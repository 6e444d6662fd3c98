package io.sfc.core.port;

import io.sfc.core.model.Alert;

/**
 * Somewhere alerts go: an SMTP server, a webhook, a command hook. {@link #send} delivers one alert
 * or throws; retries, rate limits and the queue are the dispatcher's job, not the sink's. A sink
 * may block (bounded by its own I/O timeouts); it is never called on the decision thread.
 */
public interface AlertSink {

  /**
   * A short name for logs and {@code sfc send-test-alert}, e.g. {@code email} or {@code webhook}.
   */
  String name();

  /**
   * Delivers {@code alert}.
   *
   * @throws Exception when delivery failed; the message says why
   */
  void send(Alert alert) throws Exception;
}
