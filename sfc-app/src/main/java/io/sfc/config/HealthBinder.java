package io.sfc.config;

import io.sfc.core.model.HealthCheckSpec;
import io.sfc.core.model.Timings;
import io.sfc.health.AirflowHeartbeatCheck;
import io.sfc.health.CheckSettings;
import io.sfc.health.CommandCheck;
import io.sfc.health.HttpCheck;
import io.sfc.health.TcpCheck;
import io.sfc.reader.Durations;
import io.sfc.reader.Node;
import io.sfc.reader.Problems;
import io.sfc.reader.SecretKeys;
import io.sfc.reader.Section;
import io.sfc.reader.Suggest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code services[i].health}: a list of checks with common and type-specific keys. */
final class HealthBinder {

  static final Duration INTERVAL = Duration.ofSeconds(10);
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final Duration GRACE = Duration.ofSeconds(60);
  static final int THRESHOLD = 3;
  private static final String EXAMPLE =
      "a list of checks, e.g. health: [{type: http, url: 'http://127.0.0.1:8974/health'}]";

  private HealthBinder() {}

  /** The checks of one service that read without problems. */
  static List<HealthConfig> bind(Section service) {
    Node list = service.list("health", EXAMPLE);
    if (list == null) {
      return List.of();
    }
    List<HealthConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node item : list.items()) {
      HealthConfig c = check(item, service.problems(), names);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private static HealthConfig check(Node item, Problems problems, Set<String> names) {
    Node typeNode = item.kind() == Node.Kind.MAP ? item.entries().get("type") : null;
    String written =
        typeNode == null || typeNode.kind() != Node.Kind.SCALAR ? null : typeNode.text();
    Section s = Section.of(item, problems, HealthType.keysOf(HealthType.named(written)));
    String t =
        s.requiredString("type", "set type: to one of " + String.join(", ", HealthType.NAMES));
    HealthType type = HealthType.named(t);
    if (t != null && type == null) {
      String close = Suggest.closest(t, HealthType.NAMES);
      s.report(
          "type",
          "'"
              + t
              + "' is not a health check type; "
              + (close == null ? "" : "did you mean " + close + "? ")
              + "use one of "
              + String.join(", ", HealthType.NAMES));
    }
    HealthCheckSpec spec = type == null ? null : spec(s, t, names);
    if (spec == null) {
      return null;
    }
    Problems.Mark m = problems.mark();
    CheckSettings settings = type.read(s, spec.timeout());
    return m.clean() ? new HealthConfig(type, spec, settings) : null;
  }

  private static HealthCheckSpec spec(Section s, String type, Set<String> names) {
    Problems.Mark m = s.problems().mark();
    String name = s.string("name");
    name = name == null ? type : Names.check(s, "name", name, "health check name");
    Problems.Mark beforeTimes = s.problems().mark();
    Duration interval = s.duration("interval", INTERVAL);
    Duration timeout = s.duration("timeout", TIMEOUT);
    boolean timesRead = beforeTimes.clean();
    int threshold =
        s.integer("failure_threshold", THRESHOLD, 1, "use 1 to act on the first failure");
    Duration grace = s.string("start_grace") == null ? GRACE : graceOrZero(s);
    if (name != null && !names.add(name)) {
      s.report(
          "name",
          "two checks of this service are both named '"
              + name
              + "'; give each a distinct name: (it appears in reasons and alerts)");
    } else if (timesRead && timeout.compareTo(interval) > 0) {
      s.report(
          "timeout",
          "timeout ("
              + Timings.fmt(timeout)
              + ") is longer than interval ("
              + Timings.fmt(interval)
              + "); use a timeout of at most the interval");
    }
    return m.clean() ? new HealthCheckSpec(name, interval, timeout, threshold, grace) : null;
  }

  /** start_grace may be 0s (no grace period). */
  private static Duration graceOrZero(Section s) {
    String t = s.string("start_grace");
    try {
      Duration d = Durations.parse(t);
      if (!d.isNegative()) {
        return d;
      }
      s.report("start_grace", "'" + t + "' must not be negative; use 0s for no grace period");
    } catch (IllegalArgumentException e) {
      s.report("start_grace", e.getMessage());
    }
    return GRACE;
  }

  static CheckSettings http(Section s, Duration timeout) {
    URI uri =
        s.httpUrl(
            "url",
            "give the URL to GET, e.g. url: http://127.0.0.1:8974/health",
            "http://127.0.0.1:8974/health");
    Set<Integer> statuses = statuses(s);
    return new HttpCheck.Settings(uri, statuses, s.string("body_contains"), timeout);
  }

  private static Set<Integer> statuses(Section s) {
    Node n = s.get("expect_status");
    if (n == null) {
      return Set.of(200);
    }
    List<Node> items = n.kind() == Node.Kind.LIST ? n.items() : List.of(n);
    Set<Integer> out = new LinkedHashSet<>();
    for (Node item : items) {
      String t = s.text(item);
      Integer code = t == null ? null : statusCode(t);
      if (code == null) {
        s.problems()
            .at(item, "'" + t + "' is not an HTTP status code; use e.g. expect_status: [200, 204]");
        return Set.of(200);
      }
      out.add(code);
    }
    return out;
  }

  private static Integer statusCode(String t) {
    try {
      int v = Integer.parseInt(t.trim());
      return v >= 100 && v <= 599 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static CheckSettings tcp(Section s, Duration timeout) {
    String host = s.string("host");
    return new TcpCheck.Settings(host == null ? "127.0.0.1" : host, s.port("port"), timeout);
  }

  static CheckSettings command(Section s, Duration timeout) {
    return new CommandCheck.Settings(s.commandList("command"), timeout);
  }

  static CheckSettings airflow(Section s, Duration timeout) {
    Problems.Mark m = s.problems().mark();
    String url =
        s.requiredString(
            "url",
            "give the JDBC URL of the Airflow database, e.g. url: jdbc:postgresql://db:5432/airflow");
    if (url != null
        && !url.startsWith("jdbc:mariadb:")
        && !url.startsWith("jdbc:mysql:")
        && !url.startsWith("jdbc:postgresql:")) {
      s.report(
          "url",
          "'"
              + url.substring(0, Math.min(url.length(), url.indexOf(':', 5) + 1))
              + "...' is not supported for airflow-heartbeat; use jdbc:mariadb:, jdbc:mysql: or"
              + " jdbc:postgresql:");
    }
    String hostname = s.string("hostname");
    Duration maxAge = s.duration("max_age", Duration.ofSeconds(30));
    return m.clean()
        ? new AirflowHeartbeatCheck.Settings(
            url, s.string("user"), SecretKeys.string(s, "password"), hostname, maxAge, timeout)
        : null;
  }
}
