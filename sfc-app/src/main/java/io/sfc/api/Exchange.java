package io.sfc.api;

import io.sfc.api.HttpIo.ApiError;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One request and its response, as the endpoints see them (a thin view of Jetty's). */
final class Exchange {
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Executor executor;

  Exchange(Request request, Response response, Callback callback, Executor executor) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.executor = executor;
  }

  /** What runs once the body has arrived. */
  @FunctionalInterface
  interface BodyHandler {
    void handle(byte[] body) throws ApiError;
  }

  String method() {
    return request.getMethod();
  }

  String path() {
    return request.getHttpURI().getPath();
  }

  /** The raw query string, or null. */
  String rawQuery() {
    return request.getHttpURI().getQuery();
  }

  String header(String name) {
    return request.getHeaders().get(name);
  }

  void setHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  String remoteHost() {
    return Request.getRemoteAddr(request);
  }

  /**
   * Reads the body without holding a thread, then runs {@code next} with it on the server's pool; a
   * body over {@code max} bytes is a 413, one not complete within {@code deadline} a 408.
   */
  void withBody(int max, Duration deadline, BodyHandler next) throws ApiError {
    if (request.getLength() > max) {
      throw tooLarge(max);
    }
    Content.Source.asByteArrayAsync(request, max)
        .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .whenCompleteAsync(
            (bytes, err) ->
                ApiServer.run(this, ex -> next.handle(bodyOrError(bytes, err, max, deadline))),
            executor);
  }

  private byte[] bodyOrError(byte[] bytes, Throwable err, int max, Duration deadline)
      throws ApiError {
    Throwable cause =
        err instanceof CompletionException c && c.getCause() != null ? c.getCause() : err;
    if (cause == null) {
      return bytes;
    }
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    if (cause instanceof TimeoutException) {
      throw new ApiError(
          408, "the body did not arrive within " + deadline.toMillis() + " ms (api.limits)");
    }
    throw tooLarge(max);
  }

  private static ApiError tooLarge(int max) {
    return new ApiError(413, "the body is larger than " + max + " bytes (api.limits)");
  }

  /** Sends the response and completes the exchange (no body for HEAD). */
  void send(int status, String type, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    boolean head = "HEAD".equals(method());
    response.write(true, head ? null : ByteBuffer.wrap(body), callback);
  }
}
