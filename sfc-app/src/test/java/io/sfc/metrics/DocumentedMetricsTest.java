package io.sfc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfc.config.ConfigLoader;
import io.sfc.daemon.Daemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics docs/operations.md documents, the alerts it suggests, and the Prometheus rules and
 * Grafana dashboard shipped in {@code examples/}, held against the first scrape of a real
 * controller's {@code /metrics}: every documented metric exists there with finite values, and every
 * expression names only documented metrics. The rules file also passes {@code promtool}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedMetricsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern DOC_ROW = Pattern.compile("^\\| `(sfc_[a-z_]+)(\\{[^}]*})?` \\| (\\w+) \\|");
  static final Pattern EXPR_ROW = Pattern.compile("^\\| [^|]+ \\| `([^`]+)`");
  static final Pattern METRIC = Pattern.compile("\\bsfc_[a-z_]+\\b");
  static final Pattern SAMPLE = Pattern.compile("^(sfc_[a-z_]+)(\\{[^}]*})? (\\S+)$");

  Daemon daemon;
  String firstScrape;

  @BeforeAll
  void startAndScrapeOnce(@TempDir Path dir) throws Exception {
    daemon = Daemon.start(ConfigLoader.load(config(dir), Map.of()), dir.resolve("logs"));
    HttpClient http = HttpClient.newHttpClient();
    URI metrics = URI.create("http://127.0.0.1:" + daemon.apiPort() + "/metrics");
    HttpRequest get = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build();
    firstScrape =
        await().atMost(Duration.ofSeconds(20)).until(() -> scrape(http, get), t -> t != null);
  }

  @AfterAll
  void stop() throws Exception {
    if (daemon != null) {
      daemon.stop();
      daemon.close();
    }
  }

  @Test
  void everyDocumentedMetricIsANumberFromTheFirstScrape() throws IOException {
    Map<String, String> documented = documentedMetrics();
    Map<String, List<String>> samples = samples(firstScrape);

    assertThat(documented).hasSizeGreaterThanOrEqualTo(10);
    documented.forEach(
        (name, type) -> {
          String series = "histogram".equals(type) ? name + "_count" : name;
          assertThat(samples.get(series))
              .as("%s (%s) in the first scrape", series, type)
              .isNotEmpty();
          assertThat(samples.get(series))
              .as("values of %s", series)
              .allSatisfy(v -> assertThat(Double.parseDouble(v)).isFinite());
        });
  }

  @Test
  void documentedAlertsUseOnlyDocumentedMetrics() throws IOException {
    List<String> expressions = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve("docs/operations.md"))) {
      Matcher m = EXPR_ROW.matcher(line);
      if (m.find() && m.group(1).contains("sfc_")) {
        expressions.add(m.group(1));
      }
    }
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
    assertOnlyDocumented("docs/operations.md alerts", String.join("\n", expressions));
  }

  @Test
  void shippedRulesAndDashboardUseOnlyDocumentedMetrics() throws IOException {
    String rules = Files.readString(ROOT.resolve("examples/prometheus/sfc-rules.yml"));
    assertOnlyDocumented("sfc-rules.yml", rules);

    JsonNode dashboard =
        new ObjectMapper().readTree(ROOT.resolve("examples/grafana/sfc-dashboard.json").toFile());
    List<String> exprs = dashboard.findValuesAsText("expr");
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(10);
    assertOnlyDocumented("sfc-dashboard.json", String.join("\n", exprs));
  }

  @Test
  void promtoolAcceptsAndUnitTestsTheRules() throws Exception {
    Path prom = ROOT.resolve("examples/prometheus");
    assertThat(run(prom, "promtool", "check", "rules", "sfc-rules.yml")).contains("SUCCESS");
    assertThat(run(prom, "promtool", "test", "rules", "sfc-rules.test.yml")).contains("SUCCESS");
  }

  private void assertOnlyDocumented(String where, String text) throws IOException {
    Set<String> documented = documentedMetrics().keySet();
    Set<String> exported = samples(firstScrape).keySet();
    Set<String> used = new LinkedHashSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      used.add(m.group());
    }
    assertThat(used).as("metrics used by %s", where).isNotEmpty();
    for (String name : used) {
      assertThat(documented).as("%s uses %s", where, name).contains(baseName(name));
      assertThat(exported).as("%s uses %s", where, name).contains(name);
    }
  }

  static String baseName(String series) {
    return series.replaceFirst("_(bucket|count|sum|max)$", "");
  }

  static Map<String, String> documentedMetrics() throws IOException {
    Map<String, String> metrics = new TreeMap<>();
    for (String line : Files.readAllLines(ROOT.resolve("docs/operations.md"))) {
      Matcher m = DOC_ROW.matcher(line);
      if (m.find()) {
        metrics.put(m.group(1), m.group(3));
      }
    }
    return metrics;
  }

  static Map<String, List<String>> samples(String text) {
    Map<String, List<String>> samples = new TreeMap<>();
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (m.matches()) {
        samples.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(3));
      }
    }
    return samples;
  }

  private static String scrape(HttpClient http, HttpRequest get) {
    try {
      HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String run(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
    return out;
  }

  private static Path config(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("sfc.yaml"),
        String.join(
            "\n",
            "cluster: docs",
            "node: n1",
            "nodes: [{id: n1, host: 127.0.0.1, api_port: " + freePort() + "}]",
            "metastore: {type: h2, path: meta}",
            "timings: {lease_ttl: 10s, renew_interval: 500ms, renew_deadline: 6s}",
            "services:",
            "  - name: sleeper",
            "    command: [sleep, '600']",
            "    health: [{type: process}]",
            ""));
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
