package io.sfc.metastore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.sfc.core.port.MetastoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The connection pool of one metastore, with small helpers that bound and translate each call. */
final class Db implements AutoCloseable {
  private final HikariDataSource pool;
  private final Dialect dialect;
  private final String description;
  private final int queryTimeoutSeconds;

  Db(HikariDataSource pool, Dialect dialect, String description, int queryTimeoutSeconds) {
    this.pool = pool;
    this.dialect = dialect;
    this.description = description;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /** Work on one pooled connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  Dialect dialect() {
    return dialect;
  }

  String description() {
    return description;
  }

  /** Runs {@code work} on a pooled connection; every failure becomes a MetastoreException. */
  <T> T call(Work<T> work) throws MetastoreException {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.wrap(description, e);
    }
  }

  /** Runs {@code work} in one transaction on {@code c}; rolls back when it fails. */
  static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      c.setAutoCommit(true);
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c, e);
      throw e;
    }
  }

  int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args)) {
      return ps.executeUpdate();
    }
  }

  /**
   * Runs {@code update}, else {@code insert} (same parameters); when a concurrent INSERT wins the
   * race, runs {@code update} again.
   */
  int upsert(Connection c, String update, String insert, Object[] args) throws SQLException {
    if (update(c, update, args) > 0) {
      return 1;
    }
    try {
      return update(c, insert, args);
    } catch (SQLException e) {
      if (!SqlErrors.isDuplicate(e)) {
        throw e;
      }
      return update(c, update, args);
    }
  }

  <T> List<T> query(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    }
  }

  private PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      ps.setQueryTimeout(queryTimeoutSeconds);
      for (int i = 0; i < args.length; i++) {
        bind(ps, i + 1, args[i]);
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }

  /** A typed SQL NULL argument: a plain {@code null} binds as a NULL string. */
  record SqlNull(int sqlType) {}

  /** A NULL argument for a BIGINT column (PostgreSQL refuses a NULL string there). */
  static final SqlNull NULL_BIGINT = new SqlNull(Types.BIGINT);

  private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else if (value instanceof SqlNull n) {
      ps.setNull(index, n.sqlType());
    } else if (value instanceof Long l) {
      ps.setLong(index, l);
    } else if (value instanceof byte[] b) {
      ps.setBytes(index, b);
    } else {
      ps.setString(index, value.toString());
    }
  }

  private static void rollbackQuietly(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
