package io.sfc.alert.sinks;

import io.sfc.alert.command.CommandHookSink;
import io.sfc.alert.email.EmailSink;
import io.sfc.alert.webhook.WebhookSink;
import io.sfc.core.port.AlertSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the configured alert sinks. */
public final class AlertSinks {

  private AlertSinks() {}

  /** The sinks of {@code c}: email, webhook, then one per command hook in name order. */
  public static List<AlertSink> of(AlertsConfig c) {
    List<AlertSink> out = new ArrayList<>();
    if (c.email() != null) {
      out.add(new EmailSink(c.email()));
    }
    if (c.webhook() != null) {
      out.add(new WebhookSink(c.webhook()));
    }
    c.hooks().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.add(new CommandHookSink(e.getKey(), e.getValue(), c.hookTimeout())));
    return out;
  }
}
