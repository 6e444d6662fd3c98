package io.sfc.metastore;

import io.sfc.core.port.MetastoreException;

/**
 * The rule every backend applies to the schema version it finds recorded (JDBC: the highest row of
 * {@code sfc_schema}; ZooKeeper: the {@code schema} znode of the cluster; etcd: the {@code schema}
 * key of the cluster). A controller reads and upgrades any older schema; it refuses a newer one,
 * since a newer sfc may store data this one would misread or overwrite. The refusal is {@link
 * MetastoreException.Kind#REJECTED}: it lasts until an operator upgrades this controller.
 */
public final class SchemaVersion {
  private SchemaVersion() {}

  /**
   * Checks a recorded version against the newest one this sfc knows.
   *
   * @param where the metastore, for the message (never with credentials)
   * @param found the recorded version
   * @param known the newest version this sfc writes
   * @throws MetastoreException (rejected) when {@code found} is newer than {@code known}
   */
  public static void check(String where, int found, int known) throws MetastoreException {
    if (found > known) {
      throw new MetastoreException(
          MetastoreException.Kind.REJECTED,
          "metastore "
              + where
              + ": schema version "
              + found
              + " was created by a newer sfc (this one knows up to "
              + known
              + "); upgrade this controller (see docs/operations.md, rolling upgrades)",
          null);
    }
  }

  /**
   * Reads a stored version (text); a value this sfc cannot read was written by a newer one.
   *
   * @throws MetastoreException (rejected) when {@code text} is not a version number
   */
  public static int parse(String where, String text) throws MetastoreException {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new MetastoreException(
          MetastoreException.Kind.REJECTED,
          "metastore "
              + where
              + ": schema version '"
              + text
              + "' is not a number this sfc can read (written by a newer sfc?); upgrade this"
              + " controller",
          e);
    }
  }
}
