package io.sfc.metastore.jdbc;

import io.sfc.core.model.MemberReport;
import io.sfc.core.port.MemberRegistry;
import io.sfc.core.port.MetastoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Member reports in table {@code sfc_member}, one row per (node, service). */
final class JdbcMemberRegistry implements MemberRegistry {

  private final Db db;
  private final String cluster;
  private final String update;
  private final String insert;
  private final String list;

  JdbcMemberRegistry(Db db, String cluster) {
    Dialect d = db.dialect();
    this.db = db;
    this.cluster = cluster;
    this.update =
        d.sql(
            "UPDATE sfc_member SET role = ?, epoch = ?, service_state = ?, pid = ?, reason = ?,"
                + " updated_ms = {now} WHERE cluster = ? AND node = ? AND service = ?");
    this.insert =
        d.sql(
            "INSERT INTO sfc_member (role, epoch, service_state, pid, reason, updated_ms,"
                + " cluster, node, service) VALUES (?, ?, ?, ?, ?, {now}, ?, ?, ?)");
    this.list =
        d.sql(
            "SELECT node, service, role, epoch, service_state, pid, reason, {now} - updated_ms"
                + " FROM sfc_member WHERE cluster = ? ORDER BY service, node");
  }

  @Override
  public void report(MemberReport r) throws MetastoreException {
    Object[] args = {
      r.roleName(),
      r.epoch(),
      r.stateName(),
      r.pid(),
      JdbcEventLog.truncate(r.reason()),
      cluster,
      r.node(),
      r.service()
    };
    db.call(c -> db.upsert(c, update, insert, args));
  }

  @Override
  public List<MemberReport> members() throws MetastoreException {
    return db.call(c -> db.query(c, list, JdbcMemberRegistry::report, cluster));
  }

  /** The report in the current row; a role or state unknown to this version reads as UNKNOWN. */
  private static MemberReport report(ResultSet rs) throws SQLException {
    return MemberReport.stored(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getString(5),
        rs.getLong(6),
        rs.getString(7),
        Duration.ofMillis(Math.max(0, rs.getLong(8))));
  }
}
