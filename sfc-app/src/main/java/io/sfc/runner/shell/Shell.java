package io.sfc.runner.shell;

import java.io.IOException;

/** Runs short POSIX shell commands on one machine: this one, or a node over SSH. */
public interface Shell {

  /**
   * Runs {@code command} with {@code sh}-compatible syntax and waits for it, within the shell's
   * command timeout.
   *
   * @param stdin bytes for the command's standard input, or null for none
   * @throws IOException when it cannot run or does not finish in time
   */
  ShellResult run(String command, byte[] stdin) throws IOException;

  /** Where commands run, for messages (e.g. {@code local} or {@code node-2 (sfc@host:22)}). */
  String describe();
}
