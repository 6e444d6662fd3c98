package io.sfc.doctor;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Each web server must answer its health path with 2xx or 3xx, as the load balancer's health check
 * (GET /) expects. Redirects are not followed: a redirect to the login page is an answer.
 */
public final class WebServers {
  static final String CHECK = "web server";

  private final HttpProbe probe;

  public WebServers(Clock local, Duration timeout) {
    this.probe = new HttpProbe(local, timeout);
  }

  /** One finding per URL; a URL without a path is asked for {@code /}. */
  public List<Finding> check(List<URI> urls) {
    return urls.stream().map(this::check).toList();
  }

  private Finding check(URI url) {
    URI uri = url.getRawPath() == null || url.getRawPath().isEmpty() ? url.resolve("/") : url;
    try {
      int status = probe.get(uri).response().statusCode();
      if (status >= 200 && status < 400) {
        return Finding.pass(CHECK, uri.toString(), "answered " + status);
      }
      return Finding.fail(
          CHECK,
          uri.toString(),
          "answered " + status + "; the load balancer takes it out of rotation",
          "look at the web server's log; a 5xx often means it cannot reach the metadata database");
    } catch (IOException e) {
      return Finding.fail(
          CHECK,
          uri.toString(),
          "no answer: " + HttpProbe.why(e),
          "start the web server (e.g. airflow webserver) and check the port and firewall");
    }
  }
}
