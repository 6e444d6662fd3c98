package io.sfc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;

/** Reads a controller's log (logback pattern {@code yyyy-MM-dd HH:mm:ss.SSS ...}, local time). */
final class ControllerLog {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private ControllerLog() {}

  /** Epoch millis of the first line at or after {@code sinceMillis} containing {@code text}. */
  static OptionalLong firstAfter(Path log, long sinceMillis, String text) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    for (String line : lines) {
      if (!line.contains(text) || line.length() < 23) {
        continue;
      }
      OptionalLong at = millis(line.substring(0, 23));
      if (at.isPresent() && at.getAsLong() >= sinceMillis) {
        return at;
      }
    }
    return OptionalLong.empty();
  }

  private static OptionalLong millis(String stamp) {
    try {
      LocalDateTime t = LocalDateTime.parse(stamp, TS);
      return OptionalLong.of(t.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }
}
