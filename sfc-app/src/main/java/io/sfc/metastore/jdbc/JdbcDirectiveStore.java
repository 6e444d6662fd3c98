package io.sfc.metastore.jdbc;

import io.sfc.core.model.Directives;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.MetastoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Directives in table {@code sfc_directive}, one row per (scope, kind): kind {@code PAUSE} for a
 * pause of a service or of the whole cluster ({@code *}), kind {@code SWITCHOVER} for the pending
 * switchover request of a service. Ages come from the database clock.
 */
final class JdbcDirectiveStore implements DirectiveStore {
  private static final String PAUSE = "PAUSE";
  private static final String SWITCHOVER = "SWITCHOVER";

  private final Db db;
  private final String cluster;
  private final String update;
  private final String insert;
  private final String delete;
  private final String clear;
  private final String read;

  JdbcDirectiveStore(Db db, String cluster) {
    Dialect d = db.dialect();
    this.db = db;
    this.cluster = cluster;
    this.update =
        d.sql(
            "UPDATE sfc_directive SET requested_by = ?, from_node = ?, epoch = ?, to_node = ?,"
                + " created_ms = {now} WHERE cluster = ? AND scope = ? AND kind = ?");
    this.insert =
        d.sql(
            "INSERT INTO sfc_directive (requested_by, from_node, epoch, to_node, created_ms,"
                + " cluster, scope, kind) VALUES (?, ?, ?, ?, {now}, ?, ?, ?)");
    this.delete = "DELETE FROM sfc_directive WHERE cluster = ? AND scope = ? AND kind = ?";
    this.clear = delete + " AND epoch = ?";
    this.read =
        d.sql(
            "SELECT scope, kind, requested_by, from_node, epoch, to_node, {now} - created_ms"
                + " FROM sfc_directive WHERE cluster = ? AND scope IN (?, ?)");
  }

  /** One stored row. */
  private record Row(
      String scope, String kind, String by, String from, long epoch, String to, long ageMs) {}

  @Override
  public void pause(String scope, String by) throws MetastoreException {
    Object[] args = {byOrUnknown(by), null, 0L, null, cluster, scope, PAUSE};
    db.call(c -> db.upsert(c, update, insert, args));
  }

  @Override
  public void resume(String scope) throws MetastoreException {
    db.call(c -> db.update(c, delete, cluster, scope, PAUSE));
  }

  @Override
  public void requestSwitchover(Switchover r) throws MetastoreException {
    Object[] args = {
      byOrUnknown(r.requestedBy()), r.from(), r.epoch(), r.to(), cluster, r.service(), SWITCHOVER
    };
    db.call(c -> db.upsert(c, update, insert, args));
  }

  @Override
  public void clearSwitchover(String service, long epoch) throws MetastoreException {
    db.call(c -> db.update(c, clear, cluster, service, SWITCHOVER, epoch));
  }

  @Override
  public Directives read(String service) throws MetastoreException {
    List<Row> rows =
        db.call(c -> db.query(c, read, JdbcDirectiveStore::row, cluster, service, ALL));
    String servicePause = null;
    String clusterPause = null;
    Switchover switchover = null;
    for (Row r : rows) {
      if (r.kind().equals(SWITCHOVER) && r.scope().equals(service)) {
        switchover = switchover(service, r);
      } else if (r.kind().equals(PAUSE) && r.scope().equals(service)) {
        servicePause = r.by();
      } else if (r.kind().equals(PAUSE)) {
        clusterPause = r.by();
      }
    }
    return Directives.of(servicePause, clusterPause, switchover);
  }

  private static Switchover switchover(String service, Row r) {
    Duration age = Duration.ofMillis(Math.max(0, r.ageMs()));
    return new Switchover(service, r.from(), r.epoch(), r.to(), r.by(), age);
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getString(6),
        rs.getLong(7));
  }

  private static String byOrUnknown(String by) {
    return by == null || by.isBlank() ? "unknown" : by.substring(0, Math.min(by.length(), 200));
  }
}
