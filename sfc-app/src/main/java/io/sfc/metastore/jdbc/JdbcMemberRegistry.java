package io.sfc.metastore.jdbc;

import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.core.port.MemberRegistry;
import io.sfc.core.port.MetastoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Member reports in table {@code sfc_member}, one row per (node, service). */
final class JdbcMemberRegistry implements MemberRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcMemberRegistry.class);

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
      r.role().name(),
      r.epoch(),
      r.serviceState().name(),
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
    List<MemberReport> rows = db.call(c -> db.query(c, list, JdbcMemberRegistry::report, cluster));
    return rows.stream().filter(Objects::nonNull).toList();
  }

  /** The report in the current row, or null when its role or state is unknown to this version. */
  private static MemberReport report(ResultSet rs) throws SQLException {
    try {
      return new MemberReport(
          rs.getString(1),
          rs.getString(2),
          Role.valueOf(rs.getString(3)),
          rs.getLong(4),
          ServiceState.valueOf(rs.getString(5)),
          rs.getLong(6),
          rs.getString(7),
          Duration.ofMillis(Math.max(0, rs.getLong(8))));
    } catch (IllegalArgumentException unknown) {
      LOG.debug("skipping member report with unknown role or state", unknown);
      return null;
    }
  }
}
