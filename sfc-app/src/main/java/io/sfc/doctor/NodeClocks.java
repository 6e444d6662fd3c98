package io.sfc.doctor;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares other nodes' clocks with this node's: GET {@code /health} of each node's sfc HTTP API
 * and read the {@code Date} header (whole seconds, so the bound is judged with half a second of
 * slack).
 */
public final class NodeClocks {
  static final String CHECK = "node clock";

  private final HttpProbe probe;
  private final Duration max;

  /**
   * @param local this node's clock
   * @param max the largest acceptable offset
   * @param timeout connect and read timeout per node
   */
  public NodeClocks(Clock local, Duration max, Duration timeout) {
    this.probe = new HttpProbe(local, timeout);
    this.max = max;
  }

  /** One finding per node, in the order given. */
  public List<Finding> check(Map<String, URI> nodes) {
    List<Finding> out = new ArrayList<>();
    nodes.forEach((id, base) -> out.add(check(id, health(base))));
    return out;
  }

  static URI health(URI base) {
    String s = base.toString();
    return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/health");
  }

  private Finding check(String id, URI uri) {
    String subject = id + " " + uri;
    HttpProbe.Answer a;
    try {
      a = probe.get(uri);
    } catch (IOException e) {
      return Finding.warn(
          CHECK,
          subject,
          "unreachable (" + HttpProbe.why(e) + "), its clock was not compared",
          "start sfc there, or check the node's API address and port");
    }
    Optional<Instant> date = date(a.response().headers().firstValue("Date").orElse(null));
    if (date.isEmpty()) {
      return Finding.warn(
          CHECK,
          subject,
          "answered " + a.response().statusCode() + " without a valid Date header",
          "point the URL at the node's sfc HTTP API");
    }
    ClockOffset o = ClockOffset.measure(a.before(), date.get(), a.after(), Duration.ofSeconds(1));
    return o.judge(CHECK, subject, max, "node clock (HTTP Date) vs this node:");
  }

  static Optional<Instant> date(String header) {
    if (header == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
