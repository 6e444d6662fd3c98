package io.sfc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfc.bench.JdbcYaml;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.port.Metastore;
import io.sfc.metastore.jdbc.JdbcMetastore;
import io.sfc.runner.local.Ledger;
import io.sfc.testing.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The multi-process scenarios on a SQL metastore; subclasses name the database. Where the database
 * is a server on loopback ({@link #serverPort}), every controller reaches it through its own {@link
 * TcpProxy}, so that one controller can be cut off from it.
 */
abstract class JdbcClusterIT extends ClusterIT {
  private static final Pattern OUTAGE =
      Pattern.compile("metastore reachable again after (\\d+\\.\\d) s unreachable");

  final Map<String, TcpProxy> proxies = new HashMap<>();

  /** JDBC URL the test itself uses to watch the cluster. */
  abstract String url();

  abstract String user();

  abstract String password();

  /** The loopback port of the database server, or null when controllers connect to it directly. */
  Integer serverPort() {
    return null;
  }

  /** JDBC URL the controller of {@code node} uses: through its own proxy to a server. */
  String urlFor(String node) {
    Integer port = serverPort();
    if (port == null) {
      return url();
    }
    TcpProxy p = proxies.computeIfAbsent(node, n -> newProxy(port));
    return url().replace("127.0.0.1:" + port + "/", "127.0.0.1:" + p.port() + "/");
  }

  private static TcpProxy newProxy(int port) {
    try {
      return new TcpProxy(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void closeProxies() throws Exception {
    for (TcpProxy p : proxies.values()) {
      p.close();
    }
  }

  @Override
  List<String> metastoreYaml(String node) {
    return JdbcYaml.of(urlFor(node), user(), password());
  }

  @Override
  Metastore openWatcher(String name) throws Exception {
    return JdbcMetastore.open(url(), user(), password(), name, Duration.ofSeconds(3));
  }

  /**
   * Issue 16's acceptance: the holder alone loses the database for 20 s. Its watchdog stops its
   * instance within the renew deadline, another node takes over after the TTL, and the holder's
   * events of the outage are written only after it — yet {@code sfc history --json}, in the order
   * of when things happened, shows the old instance stopping before the new one started, the stop
   * marked late, and the holder's {@code METASTORE_REACHABLE} with the outage's length.
   */
  @Test
  void holderCutOffFor20sIsShownStoppingBeforeTheNewHolderStarted() throws Exception {
    assumeThat(serverPort())
        .as("a database server the controllers reach through proxies")
        .isNotNull();
    startCluster();
    Ledger.Interval first = awaitInstanceAbove(0, Duration.ofSeconds(60));
    String cut = first.node();
    long cutAt = System.currentTimeMillis();
    proxies.get(cut).blackhole();
    Ledger.Interval next = awaitInstanceAbove(first.epoch(), Duration.ofMillis(TTL_MS + 10_000));
    assertThat(next.node()).isNotEqualTo(cut);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> System.currentTimeMillis() - cutAt >= 20_000);
    proxies.get(cut).heal();

    Event reachable = awaitEvent(cut, EventKind.METASTORE_REACHABLE);
    JsonNode history = JSON.readTree(sfc("history", "--json", "--limit", "200"));

    int stopped = indexOf(history, cut, "STOPPED", first.epoch());
    int started = indexOf(history, next.node(), "STARTED", next.epoch());
    assertThat(stopped)
        .as("the old instance's stop comes after (is older than) the new start in %s", history)
        .isGreaterThan(started);
    JsonNode stop = history.get(stopped);
    assertThat(Instant.parse(stop.get("recordedAt").asText()))
        .as("the stop was written after the outage, after the new start was")
        .isAfter(Instant.parse(history.get(started).get("recordedAt").asText()));
    assertThat(stop.get("late").asBoolean()).as("marked late: %s", stop).isTrue();
    assertThat(stop.get("timesNote").asText()).startsWith("recorded late, ");
    assertThat(Instant.parse(stop.get("at").asText()).toEpochMilli())
        .as("dated when the ledger saw the old instance end")
        .isCloseTo(interval(first.pid()).endMillis(), within(2_000L));
    Matcher outage = OUTAGE.matcher(reachable.reason());
    assertThat(outage.find()).as(reachable.reason()).isTrue();
    assertThat(Double.parseDouble(outage.group(1))).isBetween(15.0, 40.0);
    System.out.printf(
        "[%s] cut-off holder's stop written %d ms late; %s%n",
        getClass().getSimpleName(), stop.get("delayMs").asLong(), reachable.reason());
    assertNoOverlap();
  }

  private Event awaitEvent(String node, EventKind kind) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () ->
                metastore.events().recent(200).stream()
                    .filter(e -> e.node().equals(node) && e.kind() == kind)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static int indexOf(JsonNode history, String node, String kind, long epoch) {
    for (int i = 0; i < history.size(); i++) {
      JsonNode e = history.get(i);
      if (e.get("node").asText().equals(node)
          && e.get("kind").asText().equals(kind)
          && e.get("epoch").asLong() == epoch) {
        return i;
      }
    }
    throw new AssertionError(
        "no " + kind + " of " + node + " at epoch " + epoch + " in " + history);
  }
}
