package io.sfc.metastore;

/**
 * Which metastore errors are rejections: the server answered, but refuses this controller until an
 * operator fixes the credentials, the database or the privileges. Each returns the cause and the
 * fix in one line, or null when the error is not a rejection (then it counts as unreachable). Pure
 * functions of the error codes, so the table is tested without a server.
 */
public final class Rejections {
  private static final String SEE = " (see docs/metastore-setup.md)";
  private static final String AUTH =
      "authentication failed (wrong user or password): check metastore.user and"
          + " metastore.password"
          + SEE;
  private static final String UNKNOWN_DB =
      "the database does not exist: create it or fix the database name in metastore.url" + SEE;
  private static final String PRIVILEGES =
      "the user lacks privileges on the sfc database or its sfc_* tables: grant them" + SEE;

  private Rejections() {}

  /**
   * A JDBC error, by SQL state and vendor code: MariaDB/MySQL 1045 (access denied), 1049 (unknown
   * database), 1044/1142/1143 (privileges); PostgreSQL 28P01/28000 (authentication), 3D000 (unknown
   * database), 42501 (privileges).
   */
  public static String jdbc(String sqlState, int vendorCode) {
    switch (vendorCode) {
      case 1045:
        return AUTH;
      case 1049:
        return UNKNOWN_DB;
      case 1044, 1142, 1143:
        return PRIVILEGES;
      default:
        break;
    }
    String s = sqlState == null ? "" : sqlState;
    return switch (s) {
      case "28P01", "28000" -> AUTH;
      case "3D000" -> UNKNOWN_DB;
      case "42501" -> PRIVILEGES;
      default -> null;
    };
  }

  /** A ZooKeeper error by its {@code KeeperException.Code} name (AUTHFAILED, NOAUTH). */
  public static String zooKeeper(String code) {
    return switch (String.valueOf(code)) {
      case "AUTHFAILED" ->
          "ZooKeeper authentication failed: check metastore.user and metastore.password" + SEE;
      case "NOAUTH" ->
          "ZooKeeper refused access to the sfc znodes (ACL): grant the sfc user all"
              + " permissions on metastore.root"
              + SEE;
      default -> null;
    };
  }

  /**
   * An etcd error by its gRPC status code name (UNAUTHENTICATED, PERMISSION_DENIED) and message:
   * etcd answers a wrong password with INVALID_ARGUMENT "authentication failed".
   */
  public static String etcd(String code, String message) {
    boolean badPassword =
        "INVALID_ARGUMENT".equals(code)
            && message != null
            && message.contains("authentication failed");
    return switch (badPassword ? "UNAUTHENTICATED" : String.valueOf(code)) {
      case "UNAUTHENTICATED" ->
          "etcd authentication failed: check metastore.user and metastore.password" + SEE;
      case "PERMISSION_DENIED" ->
          "etcd denied access: give the sfc user's role readwrite on the cluster's key"
              + " prefix"
              + SEE;
      default -> null;
    };
  }
}
