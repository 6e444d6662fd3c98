package io.sfc.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** {@code -v} / {@code -vv}: raises the log level of every logger to DEBUG / TRACE. */
final class Verbosity {
  private Verbosity() {}

  /** Applies {@code count} {@code -v} flags; 0 leaves the configured level alone. */
  static void apply(int count) {
    if (count <= 0) {
      return;
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(count == 1 ? Level.DEBUG : Level.TRACE);
  }
}
