package io.sfc.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.metastore.zookeeper.ZkTestServers;
import io.sfc.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Check (b) against the real databases and a real ZooKeeper server. The databases run on this
 * machine, so their clock is this node's: the offset must be small whatever the session's time
 * zone, and a local clock moved by an hour must be caught.
 */
class MetastoreClockTest {
  static final Duration MAX = Duration.ofSeconds(2);
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final String MARIADB =
      "jdbc:mariadb://127.0.0.1:3306/" + TestDatabase.NAME + "?sessionVariables=time_zone='-09:30'";
  static final String POSTGRES =
      "jdbc:postgresql://127.0.0.1:5432/"
          + TestDatabase.NAME
          + "?options=-c%20TimeZone=Pacific/Chatham";

  @TempDir Path dir;

  static Stream<String> urls() {
    return Stream.of(MARIADB, POSTGRES);
  }

  /** The offset a finding reports, in seconds. */
  static double offsetSeconds(Finding f) {
    Matcher m = Pattern.compile("offset ([+-][0-9.]+)s").matcher(f.detail());
    assertThat(m.find()).as(f.detail()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  SfcConfig config(String metastore) throws Exception {
    String yaml =
        "cluster: doctor\nnodes: [{id: m1, host: 127.0.0.1}]\nmetastore: "
            + metastore
            + "\nservices: [{name: s, command: [sleep, '60']}]\n";
    return ConfigLoader.parse(yaml, dir.resolve("sfc.yaml"), Map.of());
  }

  static String jdbc(String url) {
    String user = url.contains("postgresql") ? "postgres" : "root";
    return "{type: jdbc, url: \"" + url + "\", user: " + user + "}";
  }

  @ParameterizedTest
  @MethodSource("urls")
  void aDatabaseOnThisMachineAgreesWithThisClockInAnySessionTimeZone(String url) throws Exception {
    Finding f = new MetastoreClock(Clock.systemUTC(), MAX, TIMEOUT).check(config(jdbc(url)));

    assertThat(f.status()).as(f.toString()).isEqualTo(Finding.Status.PASS);
    assertThat(f.detail()).startsWith("database clock vs this node: offset ");
    assertThat(f.subject()).doesNotContain("?");
  }

  @ParameterizedTest
  @MethodSource("urls")
  void aLocalClockAnHourOffFails(String url) throws Exception {
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

    Finding f = new MetastoreClock(ahead, MAX, TIMEOUT).check(config(jdbc(url)));

    assertThat(f.status()).isEqualTo(Finding.Status.FAIL);
    assertThat(offsetSeconds(f)).isCloseTo(-3600, within(60.0));
  }

  @Test
  void anUnreachableDatabaseFails() throws Exception {
    String url = "{type: jdbc, url: 'jdbc:mariadb://127.0.0.1:1/x', user: root}";
    Finding f = new MetastoreClock(Clock.systemUTC(), MAX, TIMEOUT).check(config(url));
    assertThat(f.status()).isEqualTo(Finding.Status.FAIL);
    assertThat(f.detail()).startsWith("metastore unreachable");
  }

  @Test
  void zookeeperIsReadThroughAZnodeMtime() throws Exception {
    try (TestingServer zk = new TestingServer(ZkTestServers.spec(-1), true)) {
      String ms = "{type: zookeeper, hosts: '" + zk.getConnectString() + "', root: /sfc}";
      Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5));

      Finding ok = new MetastoreClock(Clock.systemUTC(), MAX, TIMEOUT).check(config(ms));
      Finding off = new MetastoreClock(behind, MAX, TIMEOUT).check(config(ms));

      assertThat(ok.status()).as(ok.toString()).isEqualTo(Finding.Status.PASS);
      assertThat(ok.detail()).startsWith("ZooKeeper leader's clock (znode mtime)");
      assertThat(off.status()).isEqualTo(Finding.Status.FAIL);
      assertThat(offsetSeconds(off)).isCloseTo(300, within(60.0));
    }
  }

  @Test
  void etcdHasNoClockAndEmbeddedH2IsThisClock() throws Exception {
    Finding etcd =
        new MetastoreClock(Clock.systemUTC(), MAX, TIMEOUT)
            .check(config("{type: etcd, endpoints: ['http://127.0.0.1:2379']}"));
    assertThat(etcd.status()).isEqualTo(Finding.Status.WARN);
    assertThat(etcd.detail()).startsWith("etcd has no clock to compare");

    Finding h2 =
        new MetastoreClock(Clock.systemUTC(), MAX, TIMEOUT)
            .check(config("{type: h2, path: " + dir.resolve("meta") + "}"));
    assertThat(h2.status()).isEqualTo(Finding.Status.PASS);
  }
}
