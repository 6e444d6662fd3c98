package io.sfc.cli;

/** Exit codes of every {@code sfc} command, documented in the README. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** A runtime failure not covered below. */
  public static final int FAILURE = 1;

  /** Bad command line (picocli's usage error code). */
  public static final int USAGE = 2;

  /** The configuration file is missing, unreadable or invalid. */
  public static final int CONFIG = 3;

  /** The metastore could not be reached, or rejected sfc (credentials, database, privileges). */
  public static final int METASTORE = 4;

  /** A check found failures ({@code sfc lb-check}: at least one member fails). */
  public static final int CHECK_FAILED = 5;

  /**
   * The cluster refused an operator request ({@code switchover}, {@code pause}); see the message.
   */
  public static final int REFUSED = 6;

  /** A switchover was requested but did not complete in time (or ended on another node). */
  public static final int TIMED_OUT = 7;

  /** Interrupted by Ctrl-C (SIGINT: 128 + 2, as shells report it); {@code sfc demo}. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
