package io.sfc.cli;

import io.sfc.config.ConfigLoader;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Role;
import io.sfc.core.model.ServiceState;
import io.sfc.core.port.Metastore;
import io.sfc.daemon.Daemon;
import io.sfc.demo.LocalCluster;
import io.sfc.runner.local.Ledger;
import io.sfc.runner.local.Scripts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.h2.tools.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sfc demo}: three real controllers on loopback around an embedded H2 server and a stand-in
 * scheduler; kills the leader with SIGKILL and shows the takeover; runs until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a 3-node demo cluster on this machine and shows a failover.",
      "",
      "Starts an embedded H2 metastore, three controller processes and a stand-in scheduler,",
      "kills the leader's controller with SIGKILL, shows the takeover, and keeps running until",
      "Ctrl-C, which stops everything it started."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  sfc demo", "  sfc demo --dir /tmp/sfc-demo --exit-after-takeover"})
final class DemoCommand implements Callable<Integer> {
  static final List<String> NODES = List.of("node-a", "node-b", "node-c");

  /** Runs each controller in a session of its own, away from the terminal's Ctrl-C. */
  private static final List<String> OWN_SESSION =
      Files.isExecutable(Path.of("/usr/bin/setsid")) ? List.of("/usr/bin/setsid") : List.of();

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Working directory (default: new temp dir).")
  Path dir;

  @Option(
      names = "--exit-after-takeover",
      description = "Stop everything and exit once the takeover was shown (for scripts and tests).")
  boolean exitAfterTakeover;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("sfc-demo-") : Files.createDirectories(dir);
    int port = freePort();
    // H2 reads its bind address once, at first use: the demo's server then listens on loopback
    // only.
    System.setProperty("h2.bindAddress", "127.0.0.1");
    Server h2 =
        Server.createTcpServer("-tcpPort", "" + port, "-baseDir", work.toString(), "-ifNotExists")
            .start();
    LocalCluster cluster = new LocalCluster(work, System.getProperty("java.class.path"));
    Thread main = Thread.currentThread();
    Runnable stop = () -> shutdown(cluster, h2, work, temporary);
    Thread hook = new Thread(() -> onCtrlC(main, stop), "sfc-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run(cluster, work, port);
    } catch (InterruptedException e) {
      return ExitCodes.INTERRUPTED;
    } finally {
      if (exitAfterTakeover) {
        Runtime.getRuntime().removeShutdownHook(hook);
        stop.run();
      }
    }
  }

  /**
   * Ctrl-C (or TERM): the watch on the main thread ends first and closes its metastore client, then
   * the controllers stop, then the metastore, so nothing talks to a metastore that is gone. The
   * controllers run in sessions of their own ({@code setsid}), so a terminal's Ctrl-C reaches only
   * this process, which stops them in that order.
   */
  private static void onCtrlC(Thread main, Runnable stop) {
    main.interrupt();
    try {
      main.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop.run();
  }

  private int run(LocalCluster cluster, Path work, int port) throws Exception {
    Path ledger = work.resolve("ledger.txt");
    Map<String, Integer> api = new LinkedHashMap<>();
    for (String node : NODES) {
      api.put(node, freePort());
    }
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    for (String node : NODES) {
      cluster.write(node + ".yaml", config(node, port, ledger, api, token));
    }
    SfcConfig config = ConfigLoader.load(work.resolve("node-a.yaml"));
    out.printf("sfc demo in %s (metastore: H2 on 127.0.0.1:%d; ledger: %s)%n", work, port, ledger);
    api.forEach((n, p) -> out.printf("dashboard of %s: http://127.0.0.1:%d/%n", n, p));
    out.println("API token (for the dashboard's buttons): " + token);
    out.println("starting 3 controllers: " + String.join(", ", NODES));
    out.flush();
    for (String node : NODES) {
      cluster.start(node, work.resolve(node + ".yaml"), OWN_SESSION);
    }
    try (Metastore ms = Daemon.openMetastore(config)) {
      Watch watch = new Watch(config, ms, out);
      MemberReport leader = watch.until("the service runs on one node", 60, w -> w.running());
      watch.forSeconds(4);
      killAndShowTakeover(cluster, watch, leader, ledger);
      if (exitAfterTakeover) {
        return ExitCodes.OK;
      }
      out.println("cluster keeps running; Ctrl-C stops everything this demo started");
      watch.forever();
    }
    return ExitCodes.OK;
  }

  private void killAndShowTakeover(
      LocalCluster cluster, Watch watch, MemberReport leader, Path ledger) throws Exception {
    String victim = leader.node();
    out.printf(
        "%n>>> kill -9 the controller of %s (pid %d), the leader at epoch %d%n%n",
        victim, cluster.controller(victim).pid(), leader.epoch());
    out.flush();
    long killed = System.nanoTime();
    cluster.signal(victim, "KILL");
    MemberReport next =
        watch.until("another node runs the service", 60, w -> w.runningAbove(leader.epoch()));
    double took = (System.nanoTime() - killed) / 1e9;
    out.printf(
        "%n>>> takeover: %s runs the service at epoch %d, %.1f s after the SIGKILL%n",
        next.node(), next.epoch(), took);
    out.println(">>> ledger: " + Ledger.read(ledger).summary());
    out.printf(">>> restarting the controller of %s; it rejoins as standby%n%n", victim);
    out.flush();
    cluster.start(victim, cluster.dir().resolve(victim + ".yaml"), OWN_SESSION);
    watch.until(victim + " rejoins as standby", 60, w -> w.standby(victim));
  }

  private void shutdown(LocalCluster cluster, Server h2, Path work, boolean temporary) {
    out.println();
    out.println("stopping the demo cluster ...");
    out.flush();
    cluster.stopAll(15_000);
    h2.stop();
    try {
      out.println("stopped; ledger: " + Ledger.read(work.resolve("ledger.txt")).summary());
    } catch (Exception e) {
      out.println("stopped; ledger unreadable: " + e.getMessage());
    }
    out.println(temporary ? removed(work) : "kept " + work + " (--dir): configs, logs, ledger");
    out.flush();
  }

  private static String removed(Path work) {
    try (Stream<Path> files = Files.walk(work)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      return "removed " + work;
    } catch (IOException | UncheckedIOException e) {
      return "could not remove " + work + " (" + e.getMessage() + "); delete it by hand";
    }
  }

  private static String config(
      String node, int port, Path ledger, Map<String, Integer> api, String token) {
    StringBuilder nodes = new StringBuilder();
    for (String n : NODES) {
      nodes.append("  - id: ").append(n).append("\n    host: 127.0.0.1\n");
      nodes.append("    api_port: ").append(api.get(n)).append('\n');
    }
    return "cluster: demo\n"
        + "node: "
        + node
        + "\n"
        + "nodes:\n"
        + nodes
        + "metastore:\n"
        + "  type: jdbc\n"
        + "  url: jdbc:h2:tcp://127.0.0.1:"
        + port
        + "/sfc-demo\n"
        + "  user: sa\n"
        + "  password: ''\n"
        + "api:\n"
        + "  token: "
        + token
        + "\n"
        + "services:\n"
        + "  - name: scheduler\n"
        + "    command: ['"
        + Scripts.path(Scripts.STANDIN)
        + "', '"
        + ledger
        + "', '200']\n";
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Polls the metastore, prints the table when it changes, and waits for conditions. */
  static final class Watch {
    private final SfcConfig config;
    private final Metastore ms;
    private final PrintWriter out;
    private List<MemberReport> members = List.of();
    private String lastShown = "";

    Watch(SfcConfig config, Metastore ms, PrintWriter out) {
      this.config = config;
      this.ms = ms;
      this.out = out;
    }

    interface Condition {
      Optional<MemberReport> test(Watch w);
    }

    MemberReport until(String what, int seconds, Condition c) throws InterruptedException {
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < deadline) {
        refresh();
        Optional<MemberReport> hit = c.test(this);
        if (hit.isPresent()) {
          return hit.get();
        }
        Thread.sleep(250);
      }
      throw new IllegalStateException("demo: gave up waiting " + seconds + " s for " + what);
    }

    void forSeconds(int seconds) throws InterruptedException {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        refresh();
        Thread.sleep(250);
      }
    }

    void forever() throws InterruptedException {
      while (true) {
        refresh();
        Thread.sleep(500);
      }
    }

    Optional<MemberReport> running() {
      return runningAbove(0);
    }

    Optional<MemberReport> runningAbove(long epoch) {
      return members.stream()
          .filter(m -> m.role() == Role.LEADER && m.serviceState() == ServiceState.RUNNING)
          .filter(m -> m.epoch() > epoch)
          .findFirst();
    }

    Optional<MemberReport> standby(String node) {
      return members.stream()
          .filter(m -> m.node().equals(node) && m.role() == Role.STANDBY)
          .filter(m -> m.age().toMillis() < 2_000)
          .findFirst();
    }

    private void refresh() throws InterruptedException {
      if (Thread.interrupted()) {
        throw new InterruptedException("demo stopping");
      }
      try {
        StatusTable t = StatusTable.read(config, ms);
        members = t.members();
        show(t);
      } catch (Exception e) {
        out.println("(metastore read failed: " + e.getMessage() + ")");
      }
    }

    private void show(StatusTable t) {
      String shown = t.fingerprint();
      if (!shown.equals(lastShown)) {
        lastShown = shown;
        out.printf("--- %tT ---%n%s", System.currentTimeMillis(), t.render());
        out.flush();
      }
    }
  }
}
