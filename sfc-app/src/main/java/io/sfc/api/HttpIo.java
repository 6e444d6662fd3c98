package io.sfc.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reading requests and writing responses of the JDK HTTP server. */
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
  private static final int MAX_BODY = 64 * 1024;

  private HttpIo() {}

  /** The query parameters (first value of each). */
  static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new HashMap<>();
    String q = ex.getRequestURI().getRawQuery();
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

  /** The request body as a JSON object; an empty body reads as an empty object. */
  static Map<String, Object> jsonBody(HttpExchange ex) throws IOException, ApiError {
    byte[] body = readBody(ex.getRequestBody());
    if (body.length == 0) {
      return Map.of();
    }
    try {
      Object v = JSON.readValue(body, Object.class);
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return typed;
      }
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "the body is not JSON: " + e.getOriginalMessage());
    }
    throw new ApiError(400, "the body must be a JSON object, e.g. {\"service\": \"scheduler\"}");
  }

  private static byte[] readBody(InputStream in) throws IOException, ApiError {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new ApiError(413, "the body is larger than " + MAX_BODY + " bytes");
    }
    return body;
  }

  /** An optional string field of a JSON body. */
  static String field(Map<String, Object> body, String key) throws ApiError {
    Object v = body.get(key);
    if (v == null || v instanceof String) {
      String s = (String) v;
      return s == null || s.isBlank() ? null : s.trim();
    }
    throw new ApiError(400, "'" + key + "' must be a string");
  }

  static void json(HttpExchange ex, int status, Object value) throws IOException {
    send(
        ex,
        status,
        "application/json",
        io.sfc.secret.Secrets.mask(JSON.writeValueAsString(value))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : (body.length == 0 ? -1 : body.length));
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
