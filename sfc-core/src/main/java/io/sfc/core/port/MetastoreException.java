package io.sfc.core.port;

/** The metastore could not be reached or answered with an error; the outcome is unknown. */
public class MetastoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public MetastoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public MetastoreException(String message) {
    super(message);
  }
}
