package io.sfc.alert.webhook;

import io.sfc.alert.AlertJson;
import io.sfc.core.model.Alert;
import io.sfc.core.port.AlertSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts each alert as JSON to a URL: the full alert document, or with {@code slack} a document with
 * only a {@code text} field (Slack, Mattermost and Teams incoming webhooks accept it). Any 2xx
 * answer is success.
 */
public final class WebhookSink implements AlertSink {

  /**
   * @param url where to POST
   * @param slack send {@code {"text": ...}} instead of the full document
   * @param timeout connect and response timeout
   */
  public record Settings(URI url, boolean slack, Duration timeout) {}

  private final Settings settings;
  private final HttpClient client;

  public WebhookSink(Settings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  @Override
  public String name() {
    int port = settings.url().getPort();
    return "webhook " + settings.url().getHost() + (port < 0 ? "" : ":" + port);
  }

  @Override
  public void send(Alert alert) throws IOException, InterruptedException {
    String body = settings.slack() ? AlertJson.slack(alert) : AlertJson.document(alert);
    HttpRequest req =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() / 100 != 2) {
      throw new IOException("webhook answered HTTP " + resp.statusCode());
    }
  }
}
