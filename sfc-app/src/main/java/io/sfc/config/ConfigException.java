package io.sfc.config;

import io.sfc.reader.Problems;
import java.util.List;

/**
 * A configuration file could not be loaded. The message names the file, the key path, the bad value
 * and the fix; when several problems were found, it holds one such line per problem.
 */
public class ConfigException extends Exception {

  private final List<String> problems;

  /** One problem, already formatted as {@code <file>: <key>: <what is wrong and the fix>}. */
  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** Several problems, one line each, in the order they appear in the file. */
  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Records a problem that stops loading at once, and the exception that reports it and the earlier
   * ones.
   */
  static ConfigException fatal(Problems problems, int line, String message) {
    problems.add("", line, message);
    return new ConfigException(problems.lines());
  }

  /** The problems, one line each. */
  public List<String> problems() {
    return problems;
  }
}
