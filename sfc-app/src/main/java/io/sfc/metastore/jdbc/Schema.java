package io.sfc.metastore.jdbc;

import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.SchemaVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the metastore tables. Migrations are applied in order, each once, and
 * recorded in {@code sfc_schema}. Every statement of a migration must be idempotent ({@code IF NOT
 * EXISTS}), because several controllers may start at once against an empty database: they may all
 * run the same migration, and all but one then find its version already recorded.
 *
 * <p>A database whose {@code sfc_schema} records a version newer than the last migration here was
 * upgraded by a newer sfc: it is refused ({@link SchemaVersion#check}) and nothing is applied.
 */
final class Schema {
  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
  private static final String EVENT_INDEX = "sfc_event_by_cluster";
  private static final int H2_LOCK_TIMEOUT = 50200;
  private static final String EVENT_INDEX_COLUMNS = "cluster, id";
  private static final String CREATE_SCHEMA_TABLE =
      "CREATE TABLE IF NOT EXISTS sfc_schema (version INT PRIMARY KEY, applied_at BIGINT NOT NULL)";

  /** One schema version and the statements that create it from the previous one. */
  record Migration(int version, List<String> statements) {}

  private Schema() {}

  /** The newest schema version this sfc knows: the version of its last migration. */
  static int latest(Dialect d) {
    List<Migration> all = migrations(d);
    return all.get(all.size() - 1).version();
  }

  /**
   * All migrations, oldest first. Append new ones; never change what an applied one leaves behind
   * (a column may be added to a CREATE TABLE only when {@link #ADDED_COLUMNS} adds it to the
   * databases made before).
   */
  static List<Migration> migrations(Dialect d) {
    return List.of(
        new Migration(
            1,
            ddl(
                d,
                "CREATE TABLE IF NOT EXISTS sfc_lease (cluster {key} NOT NULL,"
                    + " service {key} NOT NULL, holder {key} NULL, epoch BIGINT NOT NULL,"
                    + " expires_ms BIGINT NOT NULL, acquired_ms BIGINT NOT NULL,"
                    + " renewed_ms BIGINT NOT NULL, PRIMARY KEY (cluster, service))",
                // occurred_ms, delay_ms: the ADDED_COLUMNS, here so that a new database needs
                // no ALTER (H2 rebuilds a table to alter it, which concurrent openers trip over);
                // a database made before them gets them from addColumns, to the same end
                "CREATE TABLE IF NOT EXISTS sfc_event (id {id}, at_ms BIGINT NOT NULL,"
                    + " cluster {key} NOT NULL, node {key} NOT NULL, service {key} NOT NULL,"
                    + " epoch BIGINT NOT NULL, kind VARCHAR(40) NOT NULL, reason {reason} NULL,"
                    + " occurred_ms BIGINT NULL, delay_ms BIGINT NULL"
                    + d.inlineIndex(EVENT_INDEX, EVENT_INDEX_COLUMNS)
                    + ")",
                d.createIndex(EVENT_INDEX, "sfc_event", EVENT_INDEX_COLUMNS),
                "CREATE TABLE IF NOT EXISTS sfc_member (cluster {key} NOT NULL,"
                    + " node {key} NOT NULL, service {key} NOT NULL, role VARCHAR(40) NOT NULL,"
                    + " epoch BIGINT NOT NULL, service_state VARCHAR(40) NOT NULL,"
                    + " pid BIGINT NOT NULL, reason {reason} NULL, updated_ms BIGINT NOT NULL,"
                    + " PRIMARY KEY (cluster, node, service))")),
        new Migration(
            2,
            ddl(
                d,
                "CREATE TABLE IF NOT EXISTS sfc_directive (cluster {key} NOT NULL,"
                    + " scope {key} NOT NULL, kind VARCHAR(40) NOT NULL,"
                    + " requested_by {key} NOT NULL, from_node {key} NULL, epoch BIGINT NOT NULL,"
                    + " to_node {key} NULL, created_ms BIGINT NOT NULL,"
                    + " PRIMARY KEY (cluster, scope, kind))")));
  }

  /**
   * Tables that older controllers never read: created (idempotently) on every open, without a new
   * schema version, so that a rolling upgrade never locks out an older controller
   * (docs/operations.md, "Schema versions and upgrade order": a release that only adds tables does
   * not raise the version).
   */
  static List<String> additions(Dialect d) {
    return ddl(
        d,
        "CREATE TABLE IF NOT EXISTS sfc_state (cluster {key} NOT NULL,"
            + " service {key} NOT NULL, name {key} NOT NULL, epoch BIGINT NOT NULL,"
            + " content {bytes} NOT NULL, written_ms BIGINT NOT NULL,"
            + " PRIMARY KEY (cluster, service, name))");
  }

  /**
   * Columns that older controllers never read, added (when missing) on every open without a new
   * schema version, like {@link #additions}: an older controller names the columns it reads and
   * writes, so it neither sees these nor fails on them, and the rows it writes leave them null.
   * {@code sfc_event.occurred_ms} and {@code delay_ms} are the two times of issue 16; a null {@code
   * occurred_ms} (an older controller's row) reads as {@code at_ms}.
   */
  static final List<String[]> ADDED_COLUMNS =
      List.of(
          new String[] {"sfc_event", "occurred_ms", "BIGINT NULL"},
          new String[] {"sfc_event", "delay_ms", "BIGINT NULL"});

  /** The statements with the dialect's types filled in for {key}, {id}, {reason} and {bytes}. */
  private static List<String> ddl(Dialect d, String... statements) {
    String reason = "VARCHAR(" + JdbcEventLog.MAX_REASON + ")";
    return Arrays.stream(statements)
        .filter(s -> !s.isEmpty())
        .map(s -> s.replace("{key}", d.keyType()).replace("{id}", d.identityColumn()))
        .map(s -> s.replace("{reason}", reason).replace("{bytes}", d.bytesType()))
        .toList();
  }

  /**
   * Brings the schema up to date, retrying when a concurrent migrator got in the way; returns
   * whether the {@link #ADDED_COLUMNS} are there (see {@link #addColumns}). A statement fails that
   * way only when another migrator created the same object at the same moment, so it is a no-op on
   * the next attempt: every attempt gets at least one statement further.
   */
  static boolean migrate(Db db) throws MetastoreException {
    int attempts =
        2
            + additions(db.dialect()).size()
            + migrations(db.dialect()).stream().mapToInt(m -> m.statements().size()).sum();
    for (int attempt = 1; ; attempt++) {
      int found;
      try {
        found = db.call(c -> apply(db, c));
      } catch (MetastoreException e) {
        if (attempt >= attempts || !concurrent(e)) {
          throw new MetastoreException(e.kind(), "schema migration failed: " + e.getMessage(), e);
        }
        LOG.debug("schema migration collided with another migrator, retrying", e);
        continue;
      }
      SchemaVersion.check(db.description(), found, latest(db.dialect()));
      return addColumnsRetrying(db);
    }
  }

  /**
   * Applies the missing migrations, unless a newer sfc recorded a newer version; returns the newest
   * version recorded before.
   */
  private static int apply(Db db, Connection c) throws SQLException {
    Dialect d = db.dialect();
    execute(c, CREATE_SCHEMA_TABLE);
    Set<Integer> applied =
        new HashSet<>(db.query(c, "SELECT version FROM sfc_schema", rs -> rs.getInt(1)));
    int newest = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
    if (newest > latest(d)) {
      return newest;
    }
    for (Migration m : migrations(d)) {
      if (!applied.contains(m.version())) {
        for (String statement : m.statements()) {
          execute(c, statement);
        }
        record(db, c, m.version());
      }
    }
    for (String statement : additions(d)) {
      execute(c, statement);
    }
    return newest;
  }

  /**
   * Adds the {@link #ADDED_COLUMNS} that are missing; whether all of them are there afterwards. Not
   * {@code ADD COLUMN IF NOT EXISTS}, which MySQL lacks: a controller that adds a column at the
   * same moment makes this one's fail, and the column is then found. A user that may not alter
   * tables (the grants of an older docs/metastore-setup.md had no {@code ALTER}) gets a warning and
   * an event log that stores one time only, as the release before did, rather than a refusal.
   */
  private static boolean addColumns(Db db, Connection c) throws SQLException {
    boolean all = true;
    for (String[] column : ADDED_COLUMNS) {
      String table = column[0];
      String name = column[1];
      if (hasColumn(c, table, name)) {
        continue;
      }
      try {
        execute(c, "ALTER TABLE " + table + " ADD COLUMN " + name + " " + column[2]);
        LOG.info("metastore {}: added column {}.{}", db.description(), table, name);
      } catch (SQLException e) {
        if (hasColumn(c, table, name)) {
          continue;
        }
        if (SqlErrors.rejection(e) == null) {
          throw e;
        }
        LOG.warn(
            "metastore {}: cannot add column {}.{} ({}); events are stored with one time only"
                + " until it exists: grant ALTER on the sfc tables (docs/metastore-setup.md)",
            db.description(),
            table,
            name,
            SqlErrors.summary(e));
        all = false;
      }
    }
    return all;
  }

  /** {@link #addColumns}, tried again while another migrator's change gets in the way. */
  private static boolean addColumnsRetrying(Db db) throws MetastoreException {
    for (int attempt = 1; ; attempt++) {
      try {
        return db.call(c -> addColumns(db, c));
      } catch (MetastoreException e) {
        if (attempt >= 2 + ADDED_COLUMNS.size() || !concurrent(e)) {
          throw new MetastoreException(e.kind(), "schema migration failed: " + e.getMessage(), e);
        }
        LOG.debug("adding a column collided with another migrator, retrying", e);
      }
    }
  }

  /** Whether {@code table} has {@code column}: a query that names it is accepted. */
  static boolean hasColumn(Connection c, String table, String column) {
    try (Statement s = c.createStatement()) {
      s.executeQuery("SELECT " + column + " FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException missing) {
      return false;
    }
  }

  private static void record(Db db, Connection c, int version) throws SQLException {
    String sql = db.dialect().sql("INSERT INTO sfc_schema (version, applied_at) VALUES (?, {now})");
    try {
      db.update(c, sql, (long) version);
      LOG.info("metastore {}: applied schema version {}", db.description(), version);
    } catch (SQLException e) {
      if (!SqlErrors.isDuplicate(e)) {
        throw e;
      }
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Concurrent migrators make each other fail in database-specific ways (PostgreSQL: duplicate
   * pg_type rows, H2: "object already exists" as a general error, or a lock timeout). Since every
   * statement is idempotent, any SQL error but a lost connection or a timeout is worth another
   * attempt.
   */
  private static boolean concurrent(MetastoreException e) {
    return e.getCause() instanceof SQLException s
        && !e.rejected()
        && (!(s instanceof SQLTimeoutException) || isH2LockTimeout(s))
        && !String.valueOf(s.getSQLState()).startsWith("08");
  }

  /**
   * H2's "Timeout trying to lock table" (error 50200): another migrator's DDL held the lock longer
   * than H2's lock timeout, not a database that stopped answering.
   */
  private static boolean isH2LockTimeout(SQLException s) {
    return s.getErrorCode() == H2_LOCK_TIMEOUT && "HYT00".equals(s.getSQLState());
  }
}
