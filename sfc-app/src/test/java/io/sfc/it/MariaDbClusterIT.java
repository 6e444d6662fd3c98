package io.sfc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.runner.local.Ledger;
import io.sfc.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The multi-process scenarios on the real MariaDB server, plus a partition: every controller
 * reaches the database through its own {@link io.sfc.testing.TcpProxy}, and the leader's proxy
 * black-holes.
 */
class MariaDbClusterIT extends JdbcClusterIT {
  static final int MARIADB_PORT = 3306;

  @Override
  String url() {
    return "jdbc:mariadb://127.0.0.1:" + MARIADB_PORT + "/" + TestDatabase.NAME;
  }

  @Override
  String user() {
    return "root";
  }

  @Override
  String password() {
    return "";
  }

  @Override
  Integer serverPort() {
    return MARIADB_PORT;
  }

  @Test
  void leaderCutOffFromTheMetastoreStopsItsServiceByItsDeadline() throws Exception {
    startCluster();
    Ledger.Interval first = awaitInstanceAbove(0, Duration.ofSeconds(60));
    String cut = first.node();
    long cutAt = System.currentTimeMillis();
    proxies.get(cut).blackhole();

    Ledger.Interval ended =
        await()
            .atMost(Duration.ofMillis(RENEW_DEADLINE_MS + STOP_TIMEOUT_MS + 5_000))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> interval(first.pid()), i -> !alive(i.pid()));
    long stoppedAfter = ended.endMillis() - cutAt;
    System.out.printf(
        "[MariaDbClusterIT] cut-off leader's service ended %d ms after the cut%n", stoppedAfter);
    assertThat(stoppedAfter).isLessThanOrEqualTo(RENEW_DEADLINE_MS + STOP_TIMEOUT_MS);

    Ledger.Interval next = awaitInstanceAbove(first.epoch(), Duration.ofMillis(TTL_MS + 5_000));
    assertThat(next.node()).isNotEqualTo(cut);
    await()
        .atMost(Duration.ofMillis(2 * TTL_MS))
        .until(() -> System.currentTimeMillis() - cutAt >= TTL_MS + 2_000);
    proxies.get(cut).heal();

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                member(cut)
                    .filter(m -> m.role() == Role.STANDBY)
                    .filter(m -> m.age().toMillis() < 3_000)
                    .isPresent());
    long running =
        metastore.members().members().stream()
            .filter(m -> m.role() == Role.LEADER && m.serviceState() == ServiceState.RUNNING)
            .map(MemberReport::node)
            .distinct()
            .count();
    assertThat(running).as("exactly one node runs the service after healing").isEqualTo(1);
    assertThat(ledger().intervals().stream().filter(i -> alive(i.pid())).count()).isEqualTo(1);
    assertNoOverlap();
  }
}
