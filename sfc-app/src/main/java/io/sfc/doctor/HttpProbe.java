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

  /**
   * The first message in an exception's cause chain (the JDK's HTTP client often wraps "Connection
   * refused" in a ConnectException without any message), else a plain description.
   */
  static String why(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    if (e instanceof java.net.ConnectException) {
      return "cannot connect (refused or unreachable)";
    }
    return e.getClass().getSimpleName();
  }
}
