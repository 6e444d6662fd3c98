package io.sfc.core.port;

/**
 * The metastore could not be reached or answered with an error; the outcome is unknown.
 *
 * <p>{@link #kind()} tells an operator what to do: an {@link Kind#UNREACHABLE} metastore may come
 * back by itself, a {@link Kind#REJECTED} one (bad credentials, unknown database, missing
 * privileges, a schema from a newer sfc) needs someone to fix it. Both are retried.
 */
public class MetastoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the metastore did not answer as asked. */
  public enum Kind {
    /** Network failure, refused connection, timeout, or an error of unknown kind. */
    UNREACHABLE,
    /** The metastore answered but refuses this controller until an operator fixes something. */
    REJECTED
  }

  private final Kind kind;

  public MetastoreException(String message, Throwable cause) {
    this(Kind.UNREACHABLE, message, cause);
  }

  public MetastoreException(String message) {
    this(Kind.UNREACHABLE, message, null);
  }

  /** An exception of the given kind; {@code message} should name the cause and the fix. */
  public MetastoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Unreachable unless the metastore rejected the request. */
  public Kind kind() {
    return kind;
  }

  /** True when an operator must fix the metastore (credentials, database, privileges, schema). */
  public boolean rejected() {
    return kind == Kind.REJECTED;
  }
}
