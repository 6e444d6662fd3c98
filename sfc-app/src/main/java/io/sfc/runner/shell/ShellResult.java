package io.sfc.runner.shell;

/**
 * The outcome of a short command.
 *
 * @param status exit status
 * @param stdout standard output as text
 * @param stderr standard error as text
 */
public record ShellResult(int status, String stdout, String stderr) {

  /** Whether the command exited with status 0. */
  public boolean ok() {
    return status == 0;
  }

  /** The last line of stderr, or stdout when stderr is empty, for messages. */
  public String lastLine() {
    String text = stderr.isBlank() ? stdout : stderr;
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }
}
