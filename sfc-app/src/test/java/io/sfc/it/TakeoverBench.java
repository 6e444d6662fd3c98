package io.sfc.it;

import io.sfc.runner.local.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures the takeover time after {@code kill -9} of the holder's controller, for each backend:
 * from the signal to the first ledger line of the new instance, over several runs. Not run by
 * default (the name matches no test pattern); run it with
 *
 * <pre>
 * ./mvnw -q -pl sfc-app -am verify -Dspotless.check.skip=true -Dtest=NONE \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=TakeoverBench \
 *   -Dbench.runs=10 -Dbench.backends=h2,zookeeper,etcd
 * </pre>
 *
 * It prints one line per run and a summary (median, min, max) per backend.
 */
class TakeoverBench {

  @Test
  void measureTakeoverAfterKillOfTheHolder() throws Exception {
    int runs = Integer.getInteger("bench.runs", 10);
    List<String> backends =
        Arrays.asList(System.getProperty("bench.backends", "h2,zookeeper,etcd").split(","));
    List<String> summary = new ArrayList<>();
    for (String backend : backends) {
      summary.add(measure(backend.trim(), runs));
    }
    summary.forEach(System.out::println);
  }

  private static String measure(String backend, int runs) throws Exception {
    startServer(backend);
    try {
      List<Long> takeovers = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        long ms = oneRun(backend);
        takeovers.add(ms);
        System.out.printf("[bench] %s run %d: takeover %d ms%n", backend, run, ms);
      }
      return summarize(backend, takeovers);
    } finally {
      stopServer(backend);
    }
  }

  private static long oneRun(String backend) throws Exception {
    Path dir = Files.createTempDirectory("sfc-bench");
    ClusterIT it = cluster(backend);
    it.dir = dir;
    try {
      it.startCluster();
      Ledger.Interval first = it.awaitInstanceAbove(0, Duration.ofSeconds(60));
      long killedAt = System.currentTimeMillis();
      it.cluster.signal(first.node(), "KILL");
      Ledger.Interval next =
          it.awaitInstanceAbove(first.epoch(), Duration.ofMillis(ClusterIT.TTL_MS + 10_000));
      it.assertNoOverlap();
      return next.startMillis() - killedAt;
    } finally {
      it.stopCluster();
    }
  }

  private static ClusterIT cluster(String backend) {
    return switch (backend) {
      case "h2" -> new H2ClusterIT();
      case "postgres" -> new PostgresClusterIT();
      case "mariadb" -> new MariaDbClusterIT();
      case "zookeeper" -> new ZooKeeperClusterIT();
      case "etcd" -> new EtcdClusterIT();
      default -> throw new IllegalArgumentException("unknown backend " + backend);
    };
  }

  private static void startServer(String backend) throws Exception {
    switch (backend) {
      case "h2" -> H2ClusterIT.startH2();
      case "zookeeper" -> ZooKeeperClusterIT.startZooKeeper();
      case "etcd" -> EtcdClusterIT.startEtcd();
      default -> {}
    }
  }

  private static void stopServer(String backend) throws Exception {
    switch (backend) {
      case "h2" -> H2ClusterIT.stopH2();
      case "zookeeper" -> ZooKeeperClusterIT.stopZooKeeper();
      case "etcd" -> EtcdClusterIT.stopEtcd();
      default -> {}
    }
  }

  private static String summarize(String backend, List<Long> takeovers) {
    List<Long> sorted = takeovers.stream().sorted().toList();
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return String.format(
        "[bench] %s: runs=%d median=%.0f ms min=%d ms max=%d ms all=%s",
        backend, n, median, sorted.get(0), sorted.get(n - 1), takeovers);
  }
}
