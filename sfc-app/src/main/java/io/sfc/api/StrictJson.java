package io.sfc.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sfc.api.HttpIo.ApiError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of a write request strictly: one flat JSON object whose keys are all accepted,
 * each at most once, each a string or null, with nothing after it. Anything else is a 400 naming
 * the key and the accepted ones, so a typo never runs a write with a default in its place.
 */
final class StrictJson {
  // Duplicates are detected here (not by Jackson's STRICT_DUPLICATE_DETECTION) to name the key.
  private static final JsonFactory FACTORY = new JsonFactory();

  private StrictJson() {}

  /** The string fields of {@code body}; an empty body reads as an empty object. */
  static Map<String, String> object(byte[] body, List<String> accepted) throws ApiError {
    Map<String, String> out = new LinkedHashMap<>();
    if (body.length == 0) {
      return out;
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notAnObject(accepted);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = checkedKey(p.currentName(), out, accepted);
        out.put(key, value(p, key));
      }
      if (p.nextToken() != null) {
        throw new ApiError(400, "the body has content after its JSON object; send one object");
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiError(400, "the body could not be read: " + e.getMessage());
    }
  }

  private static String checkedKey(String key, Map<String, String> seen, List<String> accepted)
      throws ApiError {
    if (!accepted.contains(key)) {
      throw new ApiError(400, "unknown key '" + key + "'; accepted: " + names(accepted));
    }
    if (seen.containsKey(key)) {
      throw new ApiError(400, "duplicated key '" + key + "'; give each key once");
    }
    return key;
  }

  private static String value(JsonParser p, String key) throws IOException, ApiError {
    JsonToken t = p.nextToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new ApiError(400, "key '" + key + "' must be a string, not " + kind(t));
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      default -> "a number";
    };
  }

  private static ApiError notAnObject(List<String> accepted) {
    return new ApiError(
        400, "the body must be a JSON object with the keys " + names(accepted) + " (all optional)");
  }

  private static String names(List<String> accepted) {
    return accepted.isEmpty() ? "(none)" : String.join(", ", accepted);
  }
}
