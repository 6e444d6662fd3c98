package io.sfc.cli;

import io.sfc.core.port.MetastoreException;

/** The one-line description of a metastore failure shared by every command and {@code start}. */
final class MetastoreProblem {
  private MetastoreProblem() {}

  /** {@code "metastore rejected: <cause and fix>"} or {@code "metastore unreachable: <cause>"}. */
  static String describe(MetastoreException e) {
    return (e.rejected() ? "metastore rejected: " : "metastore unreachable: ") + e.getMessage();
  }
}
