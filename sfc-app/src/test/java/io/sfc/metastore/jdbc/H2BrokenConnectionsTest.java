package io.sfc.metastore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class H2BrokenConnectionsTest {
  final H2BrokenConnections override = new H2BrokenConnections();

  @Test
  void brokenSessionsAndClosedDatabasesAreEvicted() {
    assertThat(override.adjudicate(new SQLException("session closed", "90067", 90067)))
        .isEqualTo(Override.MUST_EVICT);
    assertThat(override.adjudicate(new SQLException("database closed", "90098", 90098)))
        .isEqualTo(Override.MUST_EVICT);
  }

  @Test
  void otherErrorsAreLeftToHikari() {
    assertThat(override.adjudicate(new SQLException("syntax", "42000", 42000)))
        .isEqualTo(Override.CONTINUE_EVICT);
  }
}
