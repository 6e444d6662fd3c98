package io.sfc.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.sfc.alert.HttpReceiver;
import io.sfc.demo.LocalCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real controller JVMs on a real MariaDB (a user this test creates, with a distinctive
 * password), an SMTP server with authentication, a webhook URL with a password and an API token,
 * all passed as {@code ${VAR}} through the controllers' environment. Every surface is scanned for
 * the secret values: controller logs, service logs, {@code check-config}, {@code check-config
 * --connect}, {@code status --json}, {@code history --json}, {@code doctor}, CLI and API error
 * messages, {@code /api/status}, {@code /api/history}, {@code /metrics}, {@code /health}, {@code
 * /active}, the dashboard, the command line of every process the controllers started, and the
 * environment of the service, its health-check commands and alert hooks.
 */
class SecretScanTest {
  static final String DB_USER = "sfc_scan";
  static final String DB_PASSWORD = "DbPw-q7Zr2xKe91";
  static final String API_TOKEN = "ApiTok-Hw4bN8sLp02vYc6m";
  static final String SMTP_PASSWORD = "SmtpPw-Lm3Jd8Ra5t";
  static final String HOOK_PASSWORD = "HookPw-Vb6Ns2Qe7w";
  static final List<String> SECRETS = List.of(DB_PASSWORD, API_TOKEN, SMTP_PASSWORD, HOOK_PASSWORD);
  static final String DB_URL = "jdbc:mariadb://127.0.0.1:3306/sfc_scan";
  static final Map<String, String> ENV =
      Map.of(
          "SFC_DB_PASSWORD", DB_PASSWORD,
          "SFC_API_TOKEN", API_TOKEN,
          "SFC_SMTP_PASSWORD", SMTP_PASSWORD,
          "SFC_HOOK_PASSWORD", HOOK_PASSWORD);

  @TempDir Path dir;
  LocalCluster cluster;
  GreenMail mail;
  HttpReceiver webhook;
  final int[] apiPorts = {freePort(), freePort()};
  final Map<String, String> surfaces = new ConcurrentHashMap<>();
  final ExecutorService pool = Executors.newFixedThreadPool(2);
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void createDatabaseAndUser() throws SQLException {
    maria("DROP DATABASE IF EXISTS sfc_scan");
    maria("CREATE DATABASE sfc_scan CHARACTER SET utf8mb4");
    maria("DROP USER IF EXISTS '" + DB_USER + "'@'%'");
    maria("CREATE USER '" + DB_USER + "'@'%' IDENTIFIED BY '" + DB_PASSWORD + "'");
    maria(
        "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, INDEX ON sfc_scan.* TO '"
            + DB_USER
            + "'@'%'");
  }

  @AfterAll
  static void dropDatabaseAndUser() throws SQLException {
    maria("DROP USER IF EXISTS '" + DB_USER + "'@'%'");
    maria("DROP DATABASE IF EXISTS sfc_scan");
  }

  @AfterEach
  void stop() throws Exception {
    pool.shutdownNow();
    if (cluster != null) {
      cluster.stopAll(5_000);
    }
    if (mail != null) {
      mail.stop();
    }
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void noSecretValueReachesAnySurface() throws Exception {
    startServers();
    cluster = new LocalCluster(dir, System.getProperty("java.class.path"));
    for (int i = 0; i < 2; i++) {
      String node = "n" + (i + 1);
      cluster.start(node, config(node, node + ".yaml", DB_URL), List.of(), controllerEnv());
    }
    await("ticker runs").atMost(Duration.ofSeconds(60)).until(() -> active(0) || active(1));
    List<CompletableFuture<Void>> early = scanCliOnConfigs();
    int from = active(0) ? 0 : 1;
    int to = 1 - from;
    await("hooks and checks ran").atMost(Duration.ofSeconds(20)).until(() -> dumps() >= 3);

    scanApi(from);
    switchover(from, "n" + (to + 1));
    await("ticker moved").atMost(Duration.ofSeconds(30)).until(() -> active(to));
    scanApi(to);
    scanProcesses();
    List<CompletableFuture<Void>> cli = new ArrayList<>(early);
    cli.addAll(scanCliOnTheCluster());
    CompletableFuture.allOf(cli.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    await("an alert mail arrived").atMost(Duration.ofSeconds(30)).until(() -> mailCount() > 0);
    scanFiles();

    assertThat(surfaces).hasSizeGreaterThan(20);
    List<String> leaks = new ArrayList<>();
    surfaces.forEach(
        (where, text) ->
            SECRETS.stream().filter(text::contains).findFirst().ifPresent(s -> leaks.add(where)));
    assertThat(leaks).as("surfaces holding a secret value").isEmpty();
  }

  // ---- the cluster ----

  private void startServers() throws IOException {
    mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.setUser("sfc@example.org", "sfc-smtp", SMTP_PASSWORD);
    mail.start();
    webhook = new HttpReceiver();
  }

  private Map<String, String> controllerEnv() {
    Map<String, String> env = new LinkedHashMap<>(ENV);
    String logback = getClass().getResource("/logback.xml").getPath();
    env.put("JAVA_TOOL_OPTIONS", "-Dlogback.configurationFile=" + logback);
    return env;
  }

  private Path config(String node, String file, String url) throws IOException {
    String dump = "cat /proc/self/environ > $(mktemp " + dir + "/env-%s.XXXXXX)";
    String hook = "[sh, -c, '" + String.format(dump, "hook") + "']";
    return Files.writeString(
        dir.resolve(file),
        String.join(
            "\n",
            "cluster: scan",
            "node: " + node,
            "nodes:",
            "  - {id: n1, host: 127.0.0.1, api_port: " + apiPorts[0] + "}",
            "  - {id: n2, host: 127.0.0.1, api_port: " + apiPorts[1] + "}",
            "metastore:",
            "  type: jdbc",
            "  url: '" + url + "'",
            "  user: " + DB_USER,
            "  password: ${SFC_DB_PASSWORD}",
            "timings: {lease_ttl: 8s, renew_interval: 500ms, renew_deadline: 3s}",
            "services:",
            "  - name: ticker",
            "    command: [sleep, '600']",
            "    health:",
            "      - type: command",
            "        command: [sh, -c, '" + String.format(dump, "check") + "']",
            "        interval: 1s",
            "        timeout: 1s",
            "        start_grace: 0s",
            "alerts:",
            "  email:",
            "    host: 127.0.0.1",
            "    port: " + mail.getSmtp().getPort(),
            "    security: none",
            "    user: sfc-smtp",
            "    password: ${SFC_SMTP_PASSWORD}",
            "    from: sfc@example.org",
            "    to: [ops@example.org]",
            "  webhook:",
            "    url: 'http://sfc:${SFC_HOOK_PASSWORD}@127.0.0.1:"
                + webhook.uri().getPort()
                + "/hook'",
            "  commands:",
            "    on_start: " + hook,
            "    on_role_change: " + hook,
            "api:",
            "  token: ${SFC_API_TOKEN}",
            ""));
  }

  private boolean active(int i) {
    for (String node : List.of("n1", "n2")) {
      assertThat(cluster.controller(node).isAlive()).as("controller %s is running", node).isTrue();
    }
    try {
      return get(i, "/active?service=ticker", null).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private long dumps() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("env-")).count();
    }
  }

  private int mailCount() {
    return mail.getReceivedMessages().length;
  }

  /** Asks for a switchover until the target is a candidate (its controller may still start). */
  private void switchover(int via, String to) {
    String body = "{\"service\":\"ticker\",\"to\":\"" + to + "\"}";
    await("switchover to " + to + " accepted")
        .atMost(Duration.ofSeconds(30))
        .until(() -> post(via, "/api/switchover", body, API_TOKEN).statusCode() < 300);
  }

  // ---- the surfaces ----

  private void scanApi(int i) throws Exception {
    for (String path :
        List.of(
            "/", "/health", "/active?service=ticker", "/api/status", "/api/history", "/metrics")) {
      surfaces.put("n" + (i + 1) + " GET " + path, get(i, path, null).body());
    }
    String wrong = "{\"service\":\"ticker\",\"to\":\"n9\"}";
    surfaces.put("n" + (i + 1) + " bad token", post(i, "/api/pause", "{}", "wrong-token").body());
    surfaces.put("n" + (i + 1) + " bad body", post(i, "/api/switchover", wrong, API_TOKEN).body());
  }

  private void scanProcesses() throws IOException {
    for (String node : List.of("n1", "n2")) {
      cluster.controller(node).toHandle().descendants().forEach(h -> readProc(node, h.pid()));
    }
    assertThat(surfaces.keySet()).anyMatch(k -> k.contains("environ of") && k.contains("sleep"));
  }

  private void readProc(String node, long pid) {
    try {
      Path proc = Path.of("/proc", Long.toString(pid));
      String args = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
      surfaces.put(node + " args of " + pid, args);
      surfaces.put(
          node + " environ of " + pid + " " + args, Files.readString(proc.resolve("environ")));
    } catch (IOException e) {
      // the process ended meanwhile (a health check): its dump file is scanned instead
    }
  }

  /** The commands that need only a configuration, run while the cluster starts. */
  private List<CompletableFuture<Void>> scanCliOnConfigs() throws IOException {
    String closedUrl = "jdbc:mariadb://127.0.0.1:" + freePort() + "/sfc_scan?connectTimeout=1000";
    String inUrl = "jdbc:mariadb://127.0.0.1:3306/sfc_scan?password=${SFC_DB_PASSWORD}";
    String badUrl = "jdbc:nosuch://sfc:${SFC_DB_PASSWORD}@127.0.0.1/sfc_scan";
    return List.of(
        cli("status", "--config", config("n1", "closed.yaml", closedUrl).toString()),
        cli("check-config", "--config", config("n1", "in-url.yaml", inUrl).toString()),
        cli("check-config", "--config", config("n1", "bad-url.yaml", badUrl).toString()));
  }

  /** The commands that read the cluster's state, run once a switchover has happened. */
  private List<CompletableFuture<Void>> scanCliOnTheCluster() {
    String n1 = dir.resolve("n1.yaml").toString();
    return List.of(
        cli("check-config", "--connect", "--config", n1),
        cli("status", "--json", "--config", n1),
        cli("history", "--json", "--config", n1),
        cli("doctor", "--config", n1));
  }

  private CompletableFuture<Void> cli(String... args) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            runCli(args);
          } catch (Exception e) {
            throw new IllegalStateException("sfc " + String.join(" ", args), e);
          }
        },
        pool);
  }

  private void runCli(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp"));
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.sfc.cli.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(controllerEnv());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    surfaces.put("sfc " + String.join(" ", args) + " (exit " + p.exitValue() + ")", out);
  }

  private void scanFiles() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        surfaces.put("file " + dir.relativize(f), Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    for (var m : mail.getReceivedMessages()) {
      surfaces.put(
          "mail " + m.getSubject(), com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(m));
    }
    webhook.bodies().forEach(b -> surfaces.put("webhook body " + surfaces.size(), b));
  }

  // ---- plumbing ----

  private HttpResponse<String> get(int i, String path, String token) throws IOException {
    return send(HttpRequest.newBuilder(uri(i, path)).GET(), token);
  }

  private HttpResponse<String> post(int i, String path, String body, String token)
      throws IOException {
    return send(
        HttpRequest.newBuilder(uri(i, path)).POST(HttpRequest.BodyPublishers.ofString(body)),
        token);
  }

  private HttpResponse<String> send(HttpRequest.Builder b, String token) throws IOException {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(
          b.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private URI uri(int i, String path) {
    return URI.create("http://127.0.0.1:" + apiPorts[i] + path);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void maria(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
