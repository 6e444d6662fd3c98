package io.sfc.api;

import io.sfc.api.config.ApiConfig;
import io.sfc.core.model.NodeSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * API load benchmark (bench profile only): {@code -Dapi.clients} concurrent keep-alive clients for
 * {@code -Dapi.seconds} against {@code /active} and {@code /api/status} of the real Jetty server
 * and handlers, with an in-memory {@code ClusterAdmin} (so it measures the HTTP layer, not a
 * metastore). Prints requests per second and latency percentiles per path.
 *
 * <p>{@code ./mvnw -o -q -pl sfc-app -am verify -Pbench -Dit.test=ApiLoadBench}
 */
class ApiLoadBench {
  static final String TOKEN = "0123456789abcdef-token";

  @Test
  void run() throws Exception {
    int clients = Integer.getInteger("api.clients", 50);
    Duration length = Duration.ofSeconds(Long.getLong("api.seconds", 20));
    AtomicLong now = new AtomicLong(System.currentTimeMillis());
    LocalStatus local = new LocalStatus(now::get);
    local.roundCompleted(now.get(), now.get(), List.of());
    // per-client limit raised: every benchmark client comes from 127.0.0.1 (one keep-alive
    // connection per client, reused for both paths)
    ApiConfig.Limits d = ApiConfig.Limits.DEFAULTS;
    ApiConfig.Limits limits =
        new ApiConfig.Limits(
            d.headerTimeout(),
            d.bodyTimeout(),
            d.idleTimeout(),
            d.maxHeaderBytes(),
            d.maxBodyBytes(),
            d.maxConnections(),
            clients + 10,
            d.threads());
    ApiConfig api = new ApiConfig(true, "127.0.0.1", 0, Map.of(), TOKEN, null, limits);
    List<HttpClient> https = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      https.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }
    try (ApiServer server = ApiServer.start(context(api, local, now))) {
      for (String path : List.of("/active", "/api/status")) {
        report(path, clients, length, load(server.port(), path, https, length));
      }
    }
  }

  private static ApiServer.Context context(ApiConfig api, LocalStatus local, AtomicLong now) {
    return new ApiServer.Context(
        "bench",
        "master-1",
        List.of(new NodeSpec("master-1", "127.0.0.1"), new NodeSpec("master-2", "127.0.0.1")),
        api,
        List.of("scheduler"),
        Duration.ofDays(1),
        local,
        new FakeAdmin("scheduler", "master-1", 7),
        () -> "sfc_up 1\n",
        now::get);
  }

  private static List<Long> load(int port, String path, List<HttpClient> https, Duration length)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(https.size());
    long end = System.nanoTime() + length.toNanos();
    List<Future<List<Long>>> parts = new ArrayList<>();
    for (HttpClient http : https) {
      parts.add(pool.submit(() -> client(http, port, path, end)));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> f : parts) {
      all.addAll(f.get());
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    return all;
  }

  private static List<Long> client(HttpClient http, int port, String path, long end)
      throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    List<Long> micros = new ArrayList<>();
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime();
      HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() >= 500 && r.statusCode() != 503) {
        throw new IllegalStateException(path + " answered " + r.statusCode());
      }
      micros.add((System.nanoTime() - t0) / 1000);
    }
    return micros;
  }

  private static void report(String path, int clients, Duration length, List<Long> micros) {
    Collections.sort(micros);
    System.out.printf(
        "API bench %-11s clients=%d seconds=%d requests=%d rps=%.0f p50=%.2fms p90=%.2fms"
            + " p99=%.2fms max=%.2fms%n",
        path,
        clients,
        length.toSeconds(),
        micros.size(),
        micros.size() / (double) length.toSeconds(),
        pct(micros, 50),
        pct(micros, 90),
        pct(micros, 99),
        micros.get(micros.size() - 1) / 1000.0);
  }

  private static double pct(List<Long> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1000.0;
  }
}
