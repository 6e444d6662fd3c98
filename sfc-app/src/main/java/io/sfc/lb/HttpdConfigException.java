package io.sfc.lb;

/** An httpd configuration that cannot be read (missing include, unbalanced section...). */
public final class HttpdConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with its message. */
  public HttpdConfigException(String message) {
    super(message);
  }
}
