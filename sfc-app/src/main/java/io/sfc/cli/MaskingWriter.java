package io.sfc.cli;

import io.sfc.secret.Secrets;
import java.io.PrintWriter;
import java.io.Writer;

/** A writer whose every line passes through {@link Secrets#mask} before it reaches {@code out}. */
final class MaskingWriter extends PrintWriter {
  private final PrintWriter target;
  private final StringBuilder line = new StringBuilder();

  MaskingWriter(Writer target) {
    super(target);
    this.target = target instanceof PrintWriter p ? p : new PrintWriter(target);
  }

  @Override
  public void write(int c) {
    line.append((char) c);
    if (c == '\n') {
      emit();
    }
  }

  @Override
  public void write(char[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(buf[i]);
    }
  }

  @Override
  public void write(String s, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(s.charAt(i));
    }
  }

  /**
   * The line end goes through {@link #write(int)} like every other character: {@link PrintWriter}'s
   * own would write it straight to the target, ahead of the line it ends.
   */
  @Override
  public void println() {
    write(System.lineSeparator());
  }

  @Override
  public void flush() {
    emit();
    target.flush();
  }

  @Override
  public void close() {
    flush();
  }

  private void emit() {
    target.write(Secrets.mask(line.toString()));
    line.setLength(0);
  }
}
