package io.sfc.health;

import io.sfc.core.model.Timings;
import io.sfc.core.port.HealthCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;

/**
 * GETs a URL (e.g. the Airflow scheduler's health server, {@code http://127.0.0.1:8974/health});
 * healthy when the status is one of the expected codes and, if given, the body contains the
 * expected text. The detail is {@code HTTP <status>}, with what was missing from the body.
 */
public final class HttpCheck implements HealthCheck {

  /**
   * @param url what to GET
   * @param statuses accepted status codes
   * @param bodyContains text the body must contain, or null
   * @param timeout connect and response timeout
   */
  public record Settings(URI url, Set<Integer> statuses, String bodyContains, Duration timeout)
      implements CheckSettings {
    public Settings {
      statuses = Set.copyOf(statuses);
    }
  }

  private final Settings settings;
  private final HttpClient client;

  public HttpCheck(Settings settings) {
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Result check() throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(settings.url()).timeout(settings.timeout()).GET().build();
    HttpResponse<String> resp;
    try {
      resp = client.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      // Same wording as the monitor's own timeout, whichever of the two fires first.
      return Result.unhealthy("no answer within " + Timings.fmt(settings.timeout()));
    }
    String detail = "HTTP " + resp.statusCode();
    if (!settings.statuses().contains(resp.statusCode())) {
      return Result.unhealthy(detail);
    }
    String want = settings.bodyContains();
    if (want != null && !resp.body().contains(want)) {
      return Result.unhealthy(detail + ", body lacks '" + want + "'");
    }
    return Result.healthy(detail);
  }
}
