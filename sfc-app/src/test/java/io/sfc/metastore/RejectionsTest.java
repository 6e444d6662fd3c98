package io.sfc.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table of errors that are rejections (the cause is named) and those that are not. */
class RejectionsTest {
  @ParameterizedTest(name = "state {0}, code {1} -> {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        // MariaDB / MySQL: the vendor code decides (1049 and 1044 share state 42000)
        "28000, 1045, authentication failed",
        "42000, 1049, database does not exist",
        "42000, 1044, lacks privileges",
        "42000, 1142, lacks privileges",
        "42000, 1143, lacks privileges",
        "42000, 1064, null",
        "08000, 0, null",
        "HY000, 1040, null",
        // PostgreSQL: the SQL state decides
        "28P01, 0, authentication failed",
        "28000, 0, authentication failed",
        "3D000, 0, database does not exist",
        "42501, 0, lacks privileges",
        "08001, 0, null",
        "57P01, 0, null",
        "23505, 0, null",
        "null, 0, null"
      })
  void jdbc(String state, int code, String expected) {
    assertThat(Rejections.jdbc(state, code))
        .isEqualTo(expectedOrNull(Rejections.jdbc(state, code), expected));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "AUTHFAILED, authentication failed",
        "NOAUTH, refused access",
        "CONNECTIONLOSS, null",
        "SESSIONEXPIRED, null",
        "NONODE, null",
        "null, null"
      })
  void zooKeeper(String code, String expected) {
    assertThat(Rejections.zooKeeper(code))
        .isEqualTo(expectedOrNull(Rejections.zooKeeper(code), expected));
  }

  @ParameterizedTest(name = "{0} '{1}' -> {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "UNAUTHENTICATED, null, authentication failed",
        "INVALID_ARGUMENT, 'etcdserver: authentication failed, invalid user ID or password',"
            + " authentication failed",
        "INVALID_ARGUMENT, 'etcdserver: key is not provided', null",
        "PERMISSION_DENIED, 'etcdserver: permission denied', denied access",
        "UNAVAILABLE, 'io exception', null",
        "DEADLINE_EXCEEDED, null, null"
      })
  void etcd(String code, String message, String expected) {
    assertThat(Rejections.etcd(code, message))
        .isEqualTo(expectedOrNull(Rejections.etcd(code, message), expected));
  }

  /** Null when no rejection is expected, else the actual text if it contains {@code part}. */
  private static String expectedOrNull(String actual, String part) {
    if (part == null) {
      return null;
    }
    assertThat(actual).contains(part).contains("docs/metastore-setup.md");
    return actual;
  }
}
