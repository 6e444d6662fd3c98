package io.sfc.alert.sinks;

import io.sfc.alert.RateLimitPolicy;
import io.sfc.alert.email.EmailSink;
import io.sfc.alert.webhook.WebhookSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code alerts:} section of the configuration; {@link AlertSinks#of} builds its sinks.
 *
 * @param policy rate limit, deduplication and retry count before alerting
 * @param email SMTP settings, or null
 * @param webhook webhook settings, or null
 * @param hooks command per hook name ({@code on_start}, ...), possibly empty
 * @param hookTimeout how long a hook may run
 */
public record AlertsConfig(
    RateLimitPolicy.Settings policy,
    EmailSink.Settings email,
    WebhookSink.Settings webhook,
    Map<String, List<String>> hooks,
    Duration hookTimeout) {

  public static final AlertsConfig NONE =
      new AlertsConfig(
          RateLimitPolicy.Settings.DEFAULTS, null, null, Map.of(), Duration.ofSeconds(10));

  public AlertsConfig {
    hooks = Map.copyOf(hooks);
  }

  /** True when no sink is configured. */
  public boolean isEmpty() {
    return email == null && webhook == null && hooks.isEmpty();
  }
}
