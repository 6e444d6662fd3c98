package io.sfc.metastore.jdbc;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells Hikari to drop a pooled H2 connection whose session or database is gone. H2 reports these
 * with its own codes, not the {@code 08xxx} SQLStates Hikari recognises, and Hikari does not
 * validate a connection used within the last 500 ms; a controller that polls more often than that
 * would otherwise get the same broken connection back after an H2 server restart, indefinitely.
 */
public final class H2BrokenConnections implements SQLExceptionOverride {
  /** Connection broken (90067), database closed (90098), called at shutdown (90121). */
  static final Set<Integer> BROKEN = Set.of(90067, 90098, 90121);

  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException e) {
    return BROKEN.contains(e.getErrorCode())
        ? SQLExceptionOverride.Override.MUST_EVICT
        : SQLExceptionOverride.Override.CONTINUE_EVICT;
  }
}
