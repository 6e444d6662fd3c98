package io.sfc.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One GET without following redirects, timed on the local clock. */
final class HttpProbe {

  /** The answer and the local instants around it. */
  record Answer(HttpResponse<Void> response, Instant before, Instant after) {}

  private final HttpClient client;
  private final Clock local;
  private final Duration timeout;

  HttpProbe(Clock local, Duration timeout) {
    this.local = local;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Answer get(URI uri) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    Instant before = local.instant();
    try {
      HttpResponse<Void> r = client.send(req, HttpResponse.BodyHandlers.discarding());
      return new Answer(r, before, local.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** An exception's message, or its class when it has none (e.g. a connect timeout). */
  static String why(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
