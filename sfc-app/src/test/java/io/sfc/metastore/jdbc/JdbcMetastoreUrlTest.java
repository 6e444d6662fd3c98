package io.sfc.metastore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL handling of the JDBC metastore: dialects, descriptions and redaction. */
class JdbcMetastoreUrlTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:mariadb://127.0.0.1:3306/sfc | MARIADB | mariadb 127.0.0.1:3306/sfc",
        "jdbc:mysql://db.example:3306/airflow?user=a&password=secret | MARIADB | mysql db.example:3306/airflow",
        "jdbc:postgresql://u:secret@pg:5432/sfc?sslmode=require | POSTGRESQL | postgresql pg:5432/sfc",
        "jdbc:h2:mem:sfc;DB_CLOSE_DELAY=-1;PASSWORD=secret | H2 | h2 mem:sfc",
        "jdbc:h2:tcp://localhost:9092/~/sfc;USER=sa | H2 | h2 tcp://localhost:9092/~/sfc",
      })
  void choosesDialectAndDescribesWithoutSecrets(String url, Dialect dialect, String description)
      throws Exception {
    assertThat(Dialect.forUrl(url)).isEqualTo(dialect);
    assertThat(JdbcUrls.describe(url)).isEqualTo(description).doesNotContain("secret");
    assertThat(JdbcUrls.redact(url)).doesNotContain("secret").doesNotContain("?");
  }

  @Test
  void mysqlSchemeGetsMariaDbOptIn() {
    assertThat(Dialect.MARIADB.driverUrl("jdbc:mysql://h/db"))
        .isEqualTo("jdbc:mysql://h/db?permitMysqlScheme");
    assertThat(Dialect.MARIADB.driverUrl("jdbc:mysql://h/db?a=b"))
        .isEqualTo("jdbc:mysql://h/db?a=b&permitMysqlScheme");
    assertThat(Dialect.MARIADB.driverUrl("jdbc:mariadb://h/db")).isEqualTo("jdbc:mariadb://h/db");
  }

  @Test
  void timeoutsAreDerivedFromCallTimeout() {
    assertThat(Dialect.MARIADB.timeoutProperties(Duration.ofMillis(1500)))
        .containsEntry("socketTimeout", "1500")
        .containsEntry("connectTimeout", "1500");
    assertThat(Dialect.POSTGRESQL.timeoutProperties(Duration.ofMillis(1500)))
        .containsEntry("socketTimeout", "2")
        .containsEntry("connectTimeout", "2")
        .containsEntry("loginTimeout", "2");
    assertThat(Dialect.POSTGRESQL.timeoutProperties(Duration.ofMillis(100)))
        .containsEntry("socketTimeout", "1");
  }

  @Test
  void rejectsUnsupportedUrlWithoutLeakingIt() {
    assertThatThrownBy(
            () ->
                JdbcMetastore.open(
                    "jdbc:oracle:thin:scott/tiger@h:1521:x", "u", "p", "c", Duration.ofSeconds(1)))
        .isInstanceOf(MetastoreException.class)
        .hasMessageContaining("unsupported metastore URL")
        .hasMessageNotContaining("tiger");
  }

  @Test
  void rejectsBlankCluster() {
    assertThatThrownBy(
            () -> JdbcMetastore.open("jdbc:h2:mem:x", "sa", "", " ", Duration.ofSeconds(1)))
        .isInstanceOf(MetastoreException.class)
        .hasMessageContaining("cluster name");
  }

  @Test
  void truncatesLongReasonsOutsideSurrogatePairs() {
    String reason = "a".repeat(JdbcEventLog.MAX_REASON - 1) + "\uD83D\uDE00tail";
    assertThat(JdbcEventLog.truncate(reason)).hasSize(JdbcEventLog.MAX_REASON - 1);
    assertThat(JdbcEventLog.truncate("short")).isEqualTo("short");
  }
}
