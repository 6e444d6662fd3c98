package io.sfc.config;

import io.sfc.alert.RateLimitPolicy;
import io.sfc.alert.command.CommandHookSink;
import io.sfc.alert.email.EmailSink;
import io.sfc.alert.sinks.AlertsConfig;
import io.sfc.alert.webhook.WebhookSink;
import io.sfc.reader.Node;
import io.sfc.reader.Problems;
import io.sfc.reader.SecretKeys;
import io.sfc.reader.Section;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the top-level {@code alerts:} section. */
final class AlertsBinder {

  static final List<String> KEYS =
      List.of("email", "webhook", "commands", "rate_limit", "retry_count_before_alerting");
  static final List<String> EMAIL_KEYS =
      List.of(
          "host",
          "port",
          "security",
          "user",
          "password",
          "from",
          "to",
          "subject_prefix",
          "timeout");
  static final List<String> WEBHOOK_KEYS = List.of("url", "format", "timeout");
  static final List<String> COMMAND_KEYS =
      List.of("on_start", "on_stop", "on_role_change", "on_failover", "timeout");
  static final List<String> RATE_KEYS = List.of("max_per_window", "window", "dedupe_window");
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>]+@[^@\\s,<>]+");

  private AlertsBinder() {}

  /** The alerts configuration; {@link AlertsConfig#NONE} when absent, null after problems. */
  static AlertsConfig bind(Section root) {
    Section s = root.section("alerts", KEYS);
    if (s == null) {
      return AlertsConfig.NONE;
    }
    Problems.Mark m = s.problems().mark();
    RateLimitPolicy.Settings policy = policy(s);
    EmailSink.Settings email = email(s.section("email", EMAIL_KEYS));
    WebhookSink.Settings webhook = webhook(s.section("webhook", WEBHOOK_KEYS));
    Section c = s.section("commands", COMMAND_KEYS);
    Map<String, List<String>> hooks = c == null ? Map.of() : hooks(c);
    Duration hookTimeout =
        c == null ? Duration.ofSeconds(10) : c.duration("timeout", Duration.ofSeconds(10));
    return m.clean() ? new AlertsConfig(policy, email, webhook, hooks, hookTimeout) : null;
  }

  private static RateLimitPolicy.Settings policy(Section s) {
    RateLimitPolicy.Settings d = RateLimitPolicy.Settings.DEFAULTS;
    int retry =
        s.integer(
            "retry_count_before_alerting",
            d.retryCountBeforeAlerting(),
            0,
            "use 0 to alert on the first restart");
    Section r = s.section("rate_limit", RATE_KEYS);
    if (r == null) {
      return new RateLimitPolicy.Settings(d.maxPerWindow(), d.window(), d.dedupeWindow(), retry);
    }
    return new RateLimitPolicy.Settings(
        r.integer("max_per_window", d.maxPerWindow(), 1, "e.g. max_per_window: 5"),
        r.duration("window", d.window()),
        r.duration("dedupe_window", d.dedupeWindow()),
        retry);
  }

  private static EmailSink.Settings email(Section s) {
    if (s == null) {
      return null;
    }
    Problems.Mark m = s.problems().mark();
    String host = s.requiredString("host", "give the SMTP server, e.g. host: smtp.example.org");
    EmailSink.Security security = security(s);
    int port = s.port("port", defaultPort(security));
    String user = s.string("user");
    String password = SecretKeys.string(s, "password");
    if (password != null && user == null) {
      s.report("password", "is set but user: is not; give the SMTP user too, or remove password");
    }
    String from =
        address(s, "from", s.requiredString("from", "give the sender, e.g. from: sfc@example.org"));
    List<String> to = recipients(s);
    String prefix = s.string("subject_prefix");
    Duration timeout = s.duration("timeout", Duration.ofSeconds(10));
    return m.clean()
        ? new EmailSink.Settings(
            host,
            port,
            security,
            user,
            password,
            from,
            to,
            prefix == null ? "[sfc]" : prefix,
            timeout)
        : null;
  }

  private static EmailSink.Security security(Section s) {
    String t = s.string("security");
    if (t == null) {
      return EmailSink.Security.STARTTLS;
    }
    try {
      return EmailSink.Security.valueOf(t.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      s.report(
          "security",
          "'"
              + t
              + "' is not a connection security; use none (plain, port 25), starttls (port 587)"
              + " or tls (port 465)");
      return EmailSink.Security.STARTTLS;
    }
  }

  private static int defaultPort(EmailSink.Security security) {
    return switch (security) {
      case NONE -> 25;
      case STARTTLS -> 587;
      case TLS -> 465;
    };
  }

  /** {@code to:} as a list, or as one comma-separated string like airflow.cfg's alert_to_email. */
  private static List<String> recipients(Section s) {
    Node n = s.require("to", "give the recipients, e.g. to: [ops@example.org]");
    if (n == null) {
      return List.of();
    }
    List<String> raw = new ArrayList<>();
    if (n.kind() == Node.Kind.LIST) {
      raw.addAll(s.texts(n));
    } else {
      String t = s.text(n);
      for (String part : t == null ? new String[0] : t.split(",")) {
        raw.add(part.trim());
      }
    }
    for (String r : raw) {
      if (address(s, "to", r) == null) {
        return List.of();
      }
    }
    if (raw.isEmpty() && (n.kind() != Node.Kind.LIST || n.items().isEmpty())) {
      s.report("to", "is empty; give at least one recipient");
    }
    return raw;
  }

  private static String address(Section s, String key, String value) {
    if (value == null || ADDRESS.matcher(value).matches()) {
      return value;
    }
    s.report(key, "'" + value + "' is not an e-mail address; write it as name@example.org");
    return null;
  }

  private static WebhookSink.Settings webhook(Section s) {
    if (s == null) {
      return null;
    }
    Problems.Mark m = s.problems().mark();
    URI uri =
        s.httpUrl("url", "give the URL to POST to, e.g. url: https://hooks.example.org/sfc", null);
    String format = s.string("format");
    boolean slack = "slack".equals(format);
    if (format != null && !slack && !"json".equals(format)) {
      s.report(
          "format",
          "'"
              + format
              + "' is not a webhook format; use json (the full alert) or slack (only a text field)");
      return null;
    }
    Duration timeout = s.duration("timeout", Duration.ofSeconds(5));
    return m.clean() ? new WebhookSink.Settings(uri, slack, timeout) : null;
  }

  private static Map<String, List<String>> hooks(Section c) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String hook : CommandHookSink.HOOKS.keySet().stream().sorted().toList()) {
      if (c.get(hook) != null) {
        out.put(hook, c.commandList(hook));
      }
    }
    return out;
  }
}
