package io.sfc.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfc.core.model.Alert;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON document of an alert, shared by the webhook and the command hooks. */
public final class AlertJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertJson() {}

  /** The alert's fields in a fixed order. */
  public static Map<String, Object> fields(Alert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", a.kind().name());
    m.put("cluster", a.cluster());
    m.put("node", a.node());
    m.put("service", a.service());
    m.put("epoch", a.epoch());
    m.put("message", a.message());
    m.put("at", a.at().toString());
    m.put("summary", a.summary());
    return m;
  }

  /** The full document. */
  public static String document(Alert a) {
    return write(fields(a));
  }

  /** A Slack-compatible document: {@code {"text": "[cluster] summary"}}. */
  public static String slack(Alert a) {
    return write(Map.of("text", "[" + a.cluster() + "] " + a.summary()));
  }

  private static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
