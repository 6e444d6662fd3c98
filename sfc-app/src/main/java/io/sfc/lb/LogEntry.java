package io.sfc.lb;

/**
 * One error_log line httpd is expected to write.
 *
 * @param code the AHnnnnn code
 * @param level the httpd log level it is written at ("error", "info", ...)
 * @param text what the line says
 */
public record LogEntry(String code, String level, String text) {

  /** Whether the line appears at the given LogLevel ("warn" is httpd's default). */
  public boolean visibleAt(String logLevel) {
    return rank(level) <= rank(logLevel);
  }

  private static int rank(String level) {
    return switch (level) {
      case "emerg" -> 0;
      case "alert" -> 1;
      case "crit" -> 2;
      case "error" -> 3;
      case "warn" -> 4;
      case "notice" -> 5;
      case "info" -> 6;
      default -> 7;
    };
  }
}
