package io.sfc.runner.ssh;

import java.io.IOException;

/** An SSH failure whose message says which node, what failed and what to do. */
public final class SshException extends IOException {

  public SshException(String message) {
    super(message);
  }

  public SshException(String message, Throwable cause) {
    super(message, cause);
  }
}
