package io.sfc.airflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command of an Airflow {@code _cmd} option the way Airflow does: split like Python's
 * {@code shlex.split} (no shell), stdout is the value. A non-zero exit, a timeout or a command that
 * cannot start is an error naming the option.
 */
final class CfgCommand {
  static final long TIMEOUT_SECONDS = 60;

  private CfgCommand() {}

  /** The command's stdout, trimmed. */
  static String run(String command, String where) {
    List<String> argv = split(command, where);
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(false).start();
      p.getOutputStream().close();
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      String out = drain(p.getInputStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalArgumentException(
            where + ": the command did not finish within " + TIMEOUT_SECONDS + "s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalArgumentException(
            where + ": the command exited with " + p.exitValue() + ": " + err.join().strip());
      }
      return out.strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": cannot run '" + argv.get(0) + "': " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException(where + ": interrupted", e);
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Words as POSIX-mode {@code shlex.split} makes them: quotes and backslashes, no expansion. */
  static List<String> split(String command, String where) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        word = flush(words, word);
        continue;
      }
      word = word == null ? new StringBuilder() : word;
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote != '\'' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
      } else {
        word.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException(where + ": the command has an unclosed " + quote);
    }
    flush(words, word);
    if (words.isEmpty()) {
      throw new IllegalArgumentException(where + ": the command is empty");
    }
    return words;
  }

  private static StringBuilder flush(List<String> words, StringBuilder word) {
    if (word != null) {
      words.add(word.toString());
    }
    return null;
  }
}
