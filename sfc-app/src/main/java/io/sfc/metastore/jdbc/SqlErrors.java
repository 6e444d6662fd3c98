package io.sfc.metastore.jdbc;

import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.Rejections;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Locale;

/** Turns driver exceptions into short {@link MetastoreException}s and classifies SQL states. */
final class SqlErrors {
  private static final int MAX_MESSAGE = 200;

  private SqlErrors() {}

  /** {@code "<where>: <short cause>"}, keeping the full exception as the cause. */
  static MetastoreException wrap(String where, Throwable e) {
    String rejected = rejection(e);
    if (rejected != null) {
      return new MetastoreException(
          MetastoreException.Kind.REJECTED, where + ": " + rejected + ": " + summary(e), e);
    }
    return new MetastoreException(where + ": " + summary(e), e);
  }

  /** The cause and fix when the database rejected us (see {@link Rejections#jdbc}), or null. */
  static String rejection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String r = Rejections.jdbc(s.getSQLState(), s.getErrorCode());
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  /** True for integrity violations (SQL state class 23), such as a duplicate key. */
  static boolean isDuplicate(SQLException e) {
    return state(e).startsWith("23");
  }

  /**
   * True when a concurrent transaction made this one fail and a retry may succeed: integrity
   * violations, serialization failures and deadlocks, and PostgreSQL's "already exists" errors from
   * concurrent {@code CREATE TABLE IF NOT EXISTS}.
   */
  static boolean isConcurrencyConflict(SQLException e) {
    String s = state(e);
    return s.startsWith("23") || s.startsWith("40");
  }

  static String summary(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String known = known(t);
      if (known != null) {
        return known;
      }
    }
    return firstLine(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
  }

  private static String known(Throwable t) {
    if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
      return t.getMessage() == null ? "connection failed" : t.getMessage().toLowerCase(Locale.ROOT);
    }
    if (t instanceof SocketTimeoutException || t instanceof SQLTimeoutException) {
      return "timed out";
    }
    if (t instanceof UnknownHostException) {
      return "unknown host " + t.getMessage();
    }
    return null;
  }

  private static String state(SQLException e) {
    return e.getSQLState() == null ? "" : e.getSQLState();
  }

  private static String firstLine(String message) {
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
  }
}
