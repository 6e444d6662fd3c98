package io.sfc.alert;

/** One-line descriptions of delivery failures for logs and {@code sfc send-test-alert}. */
public final class Failures {
  private Failures() {}

  /**
   * The first non-blank message along the cause chain, prefixed with the exception's simple name
   * when the message alone would not say what failed (e.g. {@code ConnectException: Connection
   * refused}); one line.
   */
  public static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank()) {
        String line = m.replaceAll("\\s+", " ").trim();
        return t == e ? line : e.getClass().getSimpleName() + ": " + line;
      }
    }
    return e.getClass().getSimpleName();
  }
}
