package io.sfc.runner.shell;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quotes values for a POSIX shell, so that a command line built from configuration values (paths,
 * service commands, node names) reaches the program literally: spaces, quotes, {@code $(...)},
 * backticks, globs and newlines included.
 *
 * <p>Each value is wrapped in single quotes, inside which a POSIX shell interprets nothing; a
 * single quote in the value becomes {@code '\''} (close, escaped quote, reopen). NUL cannot be
 * passed in an argument at all and is refused.
 */
public final class ShellQuote {

  private ShellQuote() {}

  /** One value as a single shell word. */
  public static String quote(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a shell argument cannot contain NUL");
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Values as shell words separated by spaces. */
  public static String join(List<String> values) {
    return values.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }
}
