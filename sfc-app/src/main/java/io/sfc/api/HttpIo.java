package io.sfc.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfc.api.config.ApiConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading requests and writing responses. */
final class HttpIo {

  /** A request that ends with an HTTP error status and a JSON {@code {error}} body. */
  static final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiError(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();

  private HttpIo() {}

  /** The query parameters (first value of each). */
  static Map<String, String> query(Exchange ex) {
    Map<String, String> out = new HashMap<>();
    String q = ex.rawQuery();
    if (q == null) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(decode(k), decode(v));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** Runs {@code next} with the body read as a strict flat JSON object of {@code accepted} keys. */
  static void withJsonBody(
      Exchange ex, ApiConfig.Limits limits, List<String> accepted, JsonHandler next)
      throws ApiError {
    ex.withBody(
        limits.maxBodyBytes(),
        limits.bodyTimeout(),
        bytes -> next.handle(StrictJson.object(bytes, accepted)));
  }

  /** What runs with a parsed body. */
  @FunctionalInterface
  interface JsonHandler {
    void handle(Map<String, String> body) throws ApiError;
  }

  /** An optional string field of a JSON body: null when absent or blank, trimmed otherwise. */
  static String field(Map<String, String> body, String key) {
    String s = body.get(key);
    return s == null || s.isBlank() ? null : s.trim();
  }

  static void json(Exchange ex, int status, Object value) {
    byte[] body;
    try {
      body =
          io.sfc.secret.Secrets.mask(JSON.writeValueAsString(value))
              .getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    ex.send(status, "application/json", body);
  }

  static void send(Exchange ex, int status, String type, byte[] body) {
    ex.send(status, type, body);
  }
}
