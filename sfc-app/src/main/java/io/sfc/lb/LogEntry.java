package io.sfc.lb;

/**
 * One error_log line httpd is expected to write.
 *
 * @param code the AHnnnnn code
 * @param level the httpd log level it is written at ("error", "info", ...)
 * @param text what the line says
 * @param when whether the line depends on info being enabled (mod_ssl logs a verification error as
 *     AH02276 at info when info is enabled for the connection, else as AH02039 at error)
 * @param alternative another code httpd may write instead, depending on timing sfc cannot predict
 *     (null when none)
 */
public record LogEntry(String code, String level, String text, When when, String alternative) {

  /** A line written whenever its level is enabled. */
  public LogEntry(String code, String level, String text) {
    this(code, level, text, When.ALWAYS, null);
  }

  /** A line with a condition on the LogLevel and no alternative. */
  public LogEntry(String code, String level, String text, When when) {
    this(code, level, text, when, null);
  }

  /** Conditions on the configured LogLevel beyond the line's own level. */
  public enum When {
    ALWAYS,
    INFO_ENABLED,
    INFO_DISABLED
  }

  /** Whether the line appears at the given LogLevel ("warn" is httpd's default). */
  public boolean visibleAt(String logLevel) {
    boolean info = rank(logLevel) >= rank("info");
    boolean cond = when == When.ALWAYS || (when == When.INFO_ENABLED) == info;
    return cond && rank(level) <= rank(logLevel);
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
