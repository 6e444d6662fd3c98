package io.sfc.runner.ssh;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/** An SSH failure whose message says which node, what failed and what to do. */
public final class SshException extends IOException {

  /** Where connecting or running stopped. */
  public enum Stage {
    /** The private key could not be read (or its passphrase is missing). */
    KEY_FILE,
    /** No TCP connection or no SSH handshake within the connect timeout. */
    CONNECT,
    /** The host key was unknown or changed. */
    HOST_KEY,
    /** The server refused the key. */
    AUTH,
    /** A command failed to run or to finish in time. */
    COMMAND
  }

  private final Stage stage;

  public SshException(Stage stage, String message) {
    super(message);
    this.stage = stage;
  }

  public SshException(Stage stage, String message, Throwable cause) {
    super(message, cause);
    this.stage = stage;
  }

  /** Where it failed. */
  public Stage stage() {
    return stage;
  }

  /** The stages whose failure means the host cannot be reached, not that a command failed. */
  public static final Set<Stage> UNREACHABLE =
      EnumSet.of(Stage.CONNECT, Stage.HOST_KEY, Stage.AUTH);

  /** True when {@code t} or one of its causes says the host cannot be reached. */
  public static boolean unreachable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SshException s && UNREACHABLE.contains(s.stage())) {
        return true;
      }
    }
    return false;
  }
}
