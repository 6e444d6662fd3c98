package io.sfc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.ServiceState;
import io.sfc.core.port.Metastore;
import io.sfc.demo.LocalCluster;
import io.sfc.metastore.jdbc.JdbcMetastore;
import io.sfc.runner.local.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser (Debian's headless Chromium) against three real controller
 * processes on an H2 server: the holder it shows is the metastore's, and a switchover clicked on
 * the page moves the service, which the page then shows. Leaves {@code target/dashboard.png}.
 */
class DashboardIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final List<String> NODES = List.of("a", "b", "c");
  static final String TOKEN = "dashboard-it-token-" + UUID.randomUUID();

  @TempDir Path dir;
  final String clusterName = "dash-" + UUID.randomUUID().toString().substring(0, 8);
  final Map<String, Integer> apiPorts = new LinkedHashMap<>();
  Server h2;
  LocalCluster cluster;
  Metastore metastore;
  WebDriver browser;

  @AfterEach
  void stopAll() throws IOException {
    if (browser != null) {
      screenshot();
      browser.quit();
    }
    if (cluster != null) {
      cluster.stopAll(20_000);
    }
    if (metastore != null) {
      metastore.close();
    }
    if (h2 != null) {
      h2.stop();
    }
  }

  @Test
  void switchoverFromTheDashboard() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "skipped: the browser test needs /usr/bin/chromium and /usr/bin/chromedriver"
            + " (apt-get install chromium chromium-driver)");
    startCluster();
    LeaseRecord before = awaitRunningHolder();

    browser = chromium();
    browser.get("http://127.0.0.1:" + apiPorts.get("a") + "/");
    // The page re-renders every second: read the holder's text inside the wait only (an element
    // found before a re-render is stale afterwards).
    String shown =
        await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(
                () -> {
                  String h = shownHolder();
                  return h.equals(metastore.leases().read("scheduler").holder()) ? h : null;
                },
                h -> h != null);
    assertThat(shown).isEqualTo(before.holder());

    String target = NODES.stream().filter(n -> !n.equals(before.holder())).findFirst().get();
    long clicked = clickSwitchover(target);

    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> shownHolder().equals(target));
    System.out.printf(
        "[DashboardIT] switchover %s -> %s: page shows the new holder %d ms after the token was"
            + " entered%n",
        before.holder(), target, (System.nanoTime() - clicked) / 1_000_000);
    LeaseRecord after = metastore.leases().read("scheduler");
    assertThat(after.holder()).isEqualTo(target);
    assertThat(after.epoch()).isGreaterThan(before.epoch());
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(
            () ->
                browser.findElement(By.cssSelector(".timeline")).getText().contains("FAILOVER")
                    || browser
                        .findElement(By.cssSelector(".timeline"))
                        .getText()
                        .contains("STARTED"));
  }

  /** Clicks Switchover to {@code target}, confirms, enters the token; returns when (nanoTime). */
  private long clickSwitchover(String target) {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              browser
                  .findElement(
                      By.cssSelector("#switchover-target-scheduler option[value='" + target + "']"))
                  .click();
              browser.findElement(By.id("switchover-scheduler")).click();
              return true;
            });
    Alert confirm = awaitAlert();
    assertThat(confirm.getText()).contains("to " + target);
    confirm.accept();
    Alert prompt = awaitAlert();
    assertThat(prompt.getText()).contains("API token");
    prompt.sendKeys(TOKEN);
    long entered = System.nanoTime();
    prompt.accept();
    return entered;
  }

  private Alert awaitAlert() {
    return await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> browser.switchTo().alert(), a -> a != null);
  }

  private String shownHolder() {
    return browser.findElement(By.id("holder-scheduler")).getText().trim();
  }

  private LeaseRecord awaitRunningHolder() {
    return await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              LeaseRecord l = metastore.leases().read("scheduler");
              boolean running =
                  metastore.members().members().stream()
                      .anyMatch(
                          m ->
                              m.node().equals(l.holder())
                                  && m.serviceState() == ServiceState.RUNNING
                                  && m.epoch() == l.epoch());
              boolean standbys = metastore.members().members().size() == NODES.size();
              return !l.isFree() && running && standbys ? l : null;
            },
            l -> l != null);
  }

  private void screenshot() throws IOException {
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Path out = Path.of("target", "dashboard.png");
    Files.copy(png, out, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("dashboard screenshot: " + out.toAbsolutePath());
  }

  private WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1100",
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private void startCluster() throws Exception {
    h2 =
        Server.createTcpServer(
                "-tcpPort",
                Integer.toString(freePort()),
                "-baseDir",
                dir.resolve("h2").toString(),
                "-ifNotExists")
            .start();
    String url = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/sfc-dash";
    metastore = JdbcMetastore.open(url, "sa", "", clusterName, Duration.ofSeconds(3));
    cluster = new LocalCluster(dir, System.getProperty("sfc.jar"));
    for (String n : NODES) {
      apiPorts.put(n, freePort());
    }
    for (String n : NODES) {
      cluster.start(n, cluster.write(n + ".yaml", config(n, url)));
    }
  }

  private String config(String node, String url) {
    StringBuilder nodes = new StringBuilder();
    apiPorts.forEach(
        (n, port) ->
            nodes
                .append("  - {id: ")
                .append(n)
                .append(", host: 127.0.0.1, api_port: ")
                .append(port)
                .append("}\n"));
    return String.join(
        "\n",
        "cluster: " + clusterName,
        "node: " + node,
        "nodes:",
        nodes.toString(),
        "metastore: {type: jdbc, url: '" + url + "', user: sa, password: ''}",
        "api: {token: " + TOKEN + "}",
        "services:",
        "  - name: scheduler",
        "    command: ['"
            + Scripts.path(Scripts.STANDIN)
            + "', '"
            + dir.resolve("ledger")
            + "', '100']",
        "");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
