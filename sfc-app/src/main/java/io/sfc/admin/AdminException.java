package io.sfc.admin;

/** An operator request that sfc refuses; the message tells the operator why and what to do. */
public final class AdminException extends Exception {
  private static final long serialVersionUID = 1L;

  public AdminException(String message) {
    super(message);
  }
}
