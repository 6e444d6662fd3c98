package io.sfc.metastore.jdbc;

import io.sfc.core.model.Lease;
import io.sfc.core.model.StoredState;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.StateStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * State files in table {@code sfc_state}, one row per (service, name) with the epoch that wrote it.
 * A write is one statement that is conditional on the lease row (same holder and epoch, not expired
 * on the database clock) and on the stored epoch not being newer: an UPDATE of the row, else an
 * INSERT ... SELECT from the lease row. On MariaDB the subquery is a locking read of the lease row;
 * elsewhere the row lock on {@code sfc_state} keeps the stored epoch from going back.
 */
final class JdbcStateStore implements StateStore {
  private static final String HELD =
      " FROM sfc_lease WHERE cluster = ? AND service = ? AND holder = ? AND epoch = ?"
          + " AND expires_ms > {now}";

  private final Db db;
  private final String cluster;
  private final String update;
  private final String insert;
  private final String read;

  JdbcStateStore(Db db, String cluster) {
    Dialect d = db.dialect();
    this.db = db;
    this.cluster = cluster;
    this.update =
        d.sql(
            "UPDATE sfc_state SET epoch = ?, content = ?, written_ms = {now}"
                + " WHERE cluster = ? AND service = ? AND name = ? AND epoch <= ?"
                + " AND EXISTS (SELECT 1"
                + HELD
                + ")");
    this.insert =
        d.sql(
            "INSERT INTO sfc_state (epoch, content, written_ms, cluster, service, name)"
                + " SELECT epoch, ?, {now}, cluster, service, ?"
                + HELD);
    this.read =
        d.sql(
            "SELECT content, epoch, {now} - written_ms FROM sfc_state"
                + " WHERE cluster = ? AND service = ? AND name = ?");
  }

  @Override
  public boolean put(Lease lease, String name, byte[] bytes) throws MetastoreException {
    StateStore.checkSize(lease.service(), name, bytes.length);
    return db.call(c -> write(c, lease, name, bytes));
  }

  /** The UPDATE, else the INSERT; when a concurrent INSERT wins the race, the UPDATE again. */
  private boolean write(Connection c, Lease l, String name, byte[] bytes) throws SQLException {
    Object[] held = {cluster, l.service(), l.holder(), l.epoch()};
    Object[] row = {l.epoch(), bytes, cluster, l.service(), name, l.epoch()};
    if (db.update(c, update, concat(row, held)) > 0) {
      return true;
    }
    try {
      return db.update(c, insert, concat(new Object[] {bytes, name}, held)) > 0;
    } catch (SQLException e) {
      if (!SqlErrors.isDuplicate(e)) {
        throw e;
      }
      return db.update(c, update, concat(row, held)) > 0;
    }
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public Optional<StoredState> get(String service, String name) throws MetastoreException {
    Db.Row<StoredState> row =
        rs ->
            new StoredState(
                service,
                name,
                rs.getBytes(1),
                rs.getLong(2),
                Duration.ofMillis(Math.max(0, rs.getLong(3))));
    List<StoredState> rows = db.call(c -> db.query(c, read, row, cluster, service, name));
    return rows.stream().findFirst();
  }
}
