package io.sfc.metastore.jdbc;

import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Leases in table {@code sfc_lease}. Each operation is one conditional UPDATE judged on the
 * database clock; its row count says whether it took effect.
 *
 * <p>{@link #release} answers false for a lease that had already expired, like {@link #renew}: the
 * caller learns that its lease was not valid any more, and the row is left alone (it is free
 * already).
 *
 * <p>A release sets {@code expires_ms} to now and {@code renewed_ms} one millisecond later, which
 * no renewal or acquisition does (they set {@code expires_ms} a TTL after {@code renewed_ms}): a
 * row reads released exactly when {@code expires_ms < renewed_ms}, without a new column. (The
 * millisecond keeps the two apart where {@code {now}} is evaluated twice, as PostgreSQL's {@code
 * clock_timestamp()} is.)
 */
final class JdbcLeaseStore implements LeaseStore {
  private static final String WHERE_KEY = " WHERE cluster = ? AND service = ?";
  private static final String WHERE_HELD =
      WHERE_KEY + " AND holder = ? AND epoch = ? AND expires_ms > {now}";

  private final Db db;
  private final String cluster;
  private final String acquire;
  private final String epochOfHolder;
  private final String renew;
  private final String release;
  private final String read;

  JdbcLeaseStore(Db db, String cluster) {
    Dialect d = db.dialect();
    this.db = db;
    this.cluster = cluster;
    this.acquire =
        d.sql(
            "UPDATE sfc_lease SET holder = ?, epoch = epoch + 1, expires_ms = {now} + ?,"
                + " acquired_ms = {now}, renewed_ms = {now}"
                + WHERE_KEY
                + " AND expires_ms <= {now}"
                + (d.updateReturns() ? " RETURNING epoch" : ""));
    this.epochOfHolder = "SELECT epoch FROM sfc_lease" + WHERE_KEY + " AND holder = ?";
    this.renew =
        d.sql("UPDATE sfc_lease SET expires_ms = {now} + ?, renewed_ms = {now}" + WHERE_HELD);
    this.release =
        d.sql("UPDATE sfc_lease SET expires_ms = {now}, renewed_ms = {now} + 1" + WHERE_HELD);
    this.read =
        d.sql(
            "SELECT holder, epoch, expires_ms - {now},"
                + " CASE WHEN expires_ms < renewed_ms THEN 1 ELSE 0 END FROM sfc_lease"
                + WHERE_KEY);
  }

  @Override
  public Optional<Lease> tryAcquire(String service, String node, Duration ttl)
      throws MetastoreException {
    List<Long> epoch = db.call(c -> acquire(c, service, node, ttl));
    return epoch.stream().findFirst().map(e -> new Lease(service, node, e));
  }

  /** The new epoch when acquired, else empty. */
  private List<Long> acquire(Connection c, String service, String node, Duration ttl)
      throws SQLException {
    ensureRow(c, service);
    if (db.dialect().updateReturns()) {
      return db.query(c, acquire, rs -> rs.getLong(1), node, ttl.toMillis(), cluster, service);
    }
    return Db.inTransaction(c, tx -> acquireThenRead(tx, service, node, ttl));
  }

  /**
   * Without UPDATE ... RETURNING: the UPDATE takes the row lock, so the SELECT in the same
   * transaction reads the epoch this UPDATE wrote, not a later one.
   */
  private List<Long> acquireThenRead(Connection c, String service, String node, Duration ttl)
      throws SQLException {
    if (db.update(c, acquire, node, ttl.toMillis(), cluster, service) != 1) {
      return List.of();
    }
    return db.query(c, epochOfHolder, rs -> rs.getLong(1), cluster, service, node);
  }

  /** Creates the vacant row unless it exists; losing that race to another node is fine. */
  private void ensureRow(Connection c, String service) throws SQLException {
    try {
      db.update(c, db.dialect().insertVacantLease(), cluster, service);
    } catch (SQLException e) {
      if (!SqlErrors.isConcurrencyConflict(e)) {
        throw e;
      }
    }
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) throws MetastoreException {
    Object[] args = {ttl.toMillis(), cluster, lease.service(), lease.holder(), lease.epoch()};
    return db.call(c -> db.update(c, renew, args)) == 1;
  }

  @Override
  public boolean release(Lease lease) throws MetastoreException {
    Object[] args = {cluster, lease.service(), lease.holder(), lease.epoch()};
    return db.call(c -> db.update(c, release, args)) == 1;
  }

  @Override
  public LeaseRecord read(String service) throws MetastoreException {
    Db.Row<LeaseRecord> row =
        rs -> record(service, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getInt(4) == 1);
    List<LeaseRecord> rows = db.call(c -> db.query(c, read, row, cluster, service));
    return rows.isEmpty() ? LeaseRecord.vacant(service) : rows.get(0);
  }

  private static LeaseRecord record(
      String service, String holder, long epoch, long remainingMs, boolean released) {
    return holder == null
        ? LeaseRecord.vacant(service)
        : new LeaseRecord(service, holder, epoch, Duration.ofMillis(remainingMs), released);
  }
}
