package io.sfc.runner.ssh;

import java.io.IOException;

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
}
