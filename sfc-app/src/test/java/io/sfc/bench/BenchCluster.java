package io.sfc.bench;

import static org.awaitility.Awaitility.await;

import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.core.port.Metastore;
import io.sfc.demo.LocalCluster;
import io.sfc.runner.local.Ledger;
import io.sfc.runner.local.Scripts;
import io.sfc.testing.TcpProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Three real controller processes (the packaged jar, separate JVMs) around one {@link Backend},
 * running the stand-in service that writes a ledger. With {@link Options#netns()} each controller
 * runs in a network namespace of its own and reaches the metastore through a proxy on its veth
 * pair's host side, so that one node can be cut off. Timings are sfc's defaults.
 */
public final class BenchCluster implements AutoCloseable {
  public static final List<String> NODES = List.of("a", "b", "c");
  public static final long TTL_MS = 10_000;
  public static final long RENEW_DEADLINE_MS = 6_000;
  public static final long STOP_TIMEOUT_MS = 2_000;

  /**
   * How to run the cluster.
   *
   * @param netns run every controller in a network namespace of its own
   * @param slotBase first namespace slot (distinct per concurrently running cluster)
   * @param services services configured: the stand-in {@code scheduler}, then {@code sleep}s
   * @param unsafe start the stand-in in a session of its own, out of the shim's reach
   */
  public record Options(boolean netns, int slotBase, int services, boolean unsafe) {
    public static Options plain() {
      return new Options(false, 0, 1, false);
    }
  }

  private final Backend backend;
  private final Path dir;
  private final Options options;
  private final String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, NetNs> namespaces = new LinkedHashMap<>();
  private final Map<String, Path> configs = new LinkedHashMap<>();
  private final List<TcpProxy> proxies = new ArrayList<>();
  private final AlertSink alerts = new AlertSink();
  private final LocalCluster cluster;
  private final Path ledgerFile;
  private volatile Metastore watcher;

  public BenchCluster(Backend backend, Path dir, Options options) {
    this.backend = backend;
    this.dir = dir;
    this.options = options;
    this.cluster = new LocalCluster(dir, System.getProperty("sfc.jar"));
    this.ledgerFile = dir.resolve("ledger.txt");
  }

  /** Writes the configurations and starts the three controllers. */
  public void start() throws Exception {
    watcher = backend.openWatcher(name);
    for (int i = 0; i < NODES.size(); i++) {
      String node = NODES.get(i);
      InetSocketAddress at = backend.address();
      String alertUrl = alerts.listen(InetAddress.getLoopbackAddress());
      if (options.netns()) {
        NetNs ns = NetNs.create(options.slotBase() + i);
        namespaces.put(node, ns);
        TcpProxy proxy = new TcpProxy(ns.hostAddress(), backend.address());
        proxies.add(proxy);
        at = new InetSocketAddress(ns.hostAddress().getHostAddress(), proxy.port());
        alertUrl = alerts.listen(ns.hostAddress());
      }
      configs.put(node, cluster.write(node + ".yaml", config(node, at, alertUrl)));
      startController(node);
    }
  }

  private String config(String node, InetSocketAddress at, String alertUrl) {
    List<String> lines = new ArrayList<>(List.of("cluster: " + name, "node: " + node, "nodes:"));
    NODES.forEach(n -> lines.add("  - {id: " + n + ", host: 127.0.0.1}"));
    lines.add("metastore:");
    lines.addAll(backend.metastoreYaml(at));
    lines.add(
        "timings: {lease_ttl: 10s, renew_interval: 1s, renew_deadline: 6s, stop_timeout: 2s,"
            + " safety_margin: 1s}");
    lines.add("api: {enabled: false}"); // three controllers share the host; the bench needs none
    lines.add("alerts:");
    lines.add("  rate_limit: {max_per_window: 100000, window: 10m, dedupe_window: 1ms}");
    lines.add("  webhook: {url: '" + alertUrl + "', format: json}");
    lines.add("services:");
    lines.add("  - name: scheduler");
    lines.add("    command: " + standinCommand());
    lines.add("    restart: {window: 2s}");
    for (int s = 2; s <= options.services(); s++) {
      lines.add("  - {name: svc-" + s + ", command: [sleep, '1000000']}");
    }
    return String.join("\n", lines) + "\n";
  }

  private String standinCommand() {
    String standin = Scripts.path(Scripts.STANDIN).toString();
    if (!options.unsafe()) {
      return "['" + standin + "', '" + ledgerFile + "', '100']";
    }
    // UNSAFE on purpose: the stand-in leaves the shim's process group, so the watchdog's kill
    // misses it; used only to show that the harness reports the resulting overlap.
    String script = "setsid '" + standin + "' '" + ledgerFile + "' 100 & wait";
    return "[bash, -c, \"" + script + "\"]";
  }

  private void startController(String node) throws IOException {
    NetNs ns = namespaces.get(node);
    cluster.start(node, configs.get(node), ns == null ? List.of() : ns.launcher());
  }

  /** Starts the controller of {@code node} again (after it was killed). */
  public void restartController(String node) throws IOException {
    startController(node);
  }

  public Process controller(String node) {
    return cluster.controller(node);
  }

  /** Sends {@code signal} (KILL, STOP, CONT, TERM) to the controller JVM of {@code node}. */
  public void signal(String node, String signal) throws IOException, InterruptedException {
    cluster.signal(node, signal);
  }

  /** The configuration file of {@code node}. */
  public Path config(String node) {
    return configs.get(node);
  }

  public NetNs namespace(String node) {
    return namespaces.get(node);
  }

  public Path log(String node) {
    return dir.resolve(node + ".log");
  }

  public Path dir() {
    return dir;
  }

  public Metastore watcher() {
    return watcher;
  }

  /**
   * Opens a new watcher connection. After a server restart the old one may keep a broken pooled
   * connection (Hikari does not evict on H2's "connection broken" error and skips validation of a
   * connection used within the last 500 ms, which a 50 ms poll always is).
   */
  public void reopenWatcher() throws Exception {
    Metastore old = watcher;
    watcher = backend.openWatcher(name);
    old.close();
  }

  public AlertSink alerts() {
    return alerts;
  }

  public Ledger ledger() throws IOException {
    return Files.exists(ledgerFile) ? Ledger.read(ledgerFile) : Ledger.parse(List.of());
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The instances whose process is alive now. */
  public List<Ledger.Interval> live() throws IOException {
    return ledger().intervals().stream().filter(i -> alive(i.pid())).toList();
  }

  /** The ledger's last interval of process {@code pid}. */
  public Ledger.Interval interval(long pid) throws IOException {
    return ledger().intervals().stream()
        .filter(i -> i.pid() == pid)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  /** Waits for the first instance matching {@code which} to appear in the ledger. */
  public Ledger.Interval awaitInstance(Predicate<Ledger.Interval> which, Duration within) {
    return await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> ledger().intervals().stream().filter(which).findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  /**
   * Waits until the cluster is settled: all controllers alive and reporting (member reports younger
   * than 3 s), one leader whose service runs, and exactly one live, fresh instance. Returns that
   * instance.
   */
  public Ledger.Interval awaitSteady(Duration within) {
    return awaitSteady(within, 0);
  }

  /** As {@link #awaitSteady(Duration)}, with every member report written after {@code since}. */
  public Ledger.Interval awaitSteady(Duration within, long sinceMillis) {
    return await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> steadyInstance(sinceMillis), Optional::isPresent)
        .orElseThrow();
  }

  private Optional<Ledger.Interval> steadyInstance(long sinceMillis) throws Exception {
    boolean controllersUp = NODES.stream().allMatch(n -> controller(n).isAlive());
    List<Ledger.Interval> live = live();
    if (!controllersUp || live.size() != 1) {
      return Optional.empty();
    }
    Ledger.Interval one = live.get(0);
    boolean fresh = System.currentTimeMillis() - one.endMillis() < 1_000;
    long maxAge = Math.min(3_000, System.currentTimeMillis() - sinceMillis);
    return fresh && membersSettled(one.node(), maxAge) ? Optional.of(one) : Optional.empty();
  }

  /**
   * Every node reported about {@code scheduler} within maxAge; {@code holder} leads and runs it.
   */
  private boolean membersSettled(String holder, long maxAgeMillis) throws Exception {
    List<MemberReport> reports =
        watcher.members().members().stream()
            .filter(m -> m.service().equals("scheduler"))
            .filter(m -> m.age().toMillis() < maxAgeMillis)
            .toList();
    long nodes = reports.stream().map(MemberReport::node).distinct().count();
    long leaders = reports.stream().filter(m -> m.role() == Role.LEADER).count();
    boolean holderRuns =
        reports.stream()
            .anyMatch(
                m ->
                    m.node().equals(holder)
                        && m.role() == Role.LEADER
                        && m.serviceState() == ServiceState.RUNNING);
    return nodes == NODES.size() && leaders == 1 && holderRuns;
  }

  /** Stops everything: controllers, stray instances, proxies, namespaces, the alert sink. */
  @Override
  public void close() {
    namespaces.values().forEach(ns -> healQuietly(ns));
    cluster.stopAll(20_000);
    killStrays();
    for (TcpProxy p : proxies) {
      closeQuietly(p);
    }
    namespaces.values().forEach(NetNs::close);
    alerts.close();
    if (watcher != null) {
      watcher.close();
    }
  }

  /** Instances that outlived their controllers (only an unsafe setup leaves any). */
  private void killStrays() {
    try {
      for (Ledger.Interval i : live()) {
        ProcessHandle.of(i.pid()).ifPresent(ProcessHandle::destroyForcibly);
      }
    } catch (IOException e) {
      // no ledger: nothing ran
    }
  }

  private static void healQuietly(NetNs ns) {
    try {
      ns.heal();
    } catch (IOException e) {
      // close() removes the rules anyway
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // best effort
    }
  }

  /** Waits up to {@code millis} for {@code p} to exit. */
  static boolean awaitExit(Process p, long millis) throws InterruptedException {
    return p.waitFor(millis, TimeUnit.MILLISECONDS);
  }
}
