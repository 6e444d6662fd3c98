package io.sfc.config;

import io.sfc.alert.RateLimitPolicy;
import io.sfc.alert.command.CommandHookSink;
import io.sfc.alert.email.EmailSink;
import io.sfc.alert.webhook.WebhookSink;
import io.sfc.core.port.AlertSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code alerts:} section.
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

  /** The configured sinks: email, webhook, then one per command hook. */
  public List<AlertSink> sinks() {
    List<AlertSink> out = new ArrayList<>();
    if (email != null) {
      out.add(new EmailSink(email));
    }
    if (webhook != null) {
      out.add(new WebhookSink(webhook));
    }
    hooks.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.add(new CommandHookSink(e.getKey(), e.getValue(), hookTimeout)));
    return out;
  }

  /** True when no sink is configured. */
  public boolean isEmpty() {
    return email == null && webhook == null && hooks.isEmpty();
  }
}
