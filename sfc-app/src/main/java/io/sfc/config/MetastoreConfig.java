package io.sfc.config;

/**
 * Where the leases live: a JDBC URL and credentials. An {@code h2} metastore path has already been
 * turned into a {@code jdbc:h2:file:...} URL.
 *
 * @param jdbcUrl JDBC URL
 * @param user user name, or null to let the driver decide (e.g. from the URL)
 * @param password password, or null; never shown by {@link #toString()}
 */
public record MetastoreConfig(String jdbcUrl, String user, String password) {

  @Override
  public String toString() {
    String shown = password == null ? "null" : "****";
    return "MetastoreConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + shown + "]";
  }
}
