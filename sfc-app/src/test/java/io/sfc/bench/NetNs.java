package io.sfc.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to this machine by a veth pair with addresses of its own ({@code
 * 10.213.<slot>.1} on the host side, {@code .2} inside), so that a controller started in it reaches
 * the metastore only over that pair, and {@link #cut()} can take the pair away with iptables. Needs
 * root. Everything it creates, {@link #close()} removes.
 */
final class NetNs implements AutoCloseable {
  private final String name;
  private final String hostIf;
  private final int slot;
  private boolean cut;

  private NetNs(String name, String hostIf, int slot) {
    this.name = name;
    this.hostIf = hostIf;
    this.slot = slot;
  }

  /**
   * Checks once, before any run, what {@link #create} and {@link #cut} need: root and the {@code
   * ip} and {@code iptables} commands. Throws with the fix, so a missing tool fails the benchmark
   * at once instead of failing every run of the scenario.
   */
  static void requirePrerequisites() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("ip", "iptables")) {
      if (!onPath(tool)) {
        missing.add("the command " + tool);
      }
    }
    if (exec("sh", "-c", "test \"$(id -u)\" = 0") != 0) {
      missing.add("root");
    }
    if (!missing.isEmpty()) {
      throw new IOException(
          "scenario (d) needs "
              + String.join(", ", missing)
              + " (as root: apt-get install iproute2 iptables), or leave d out of -Dbench.scenarios");
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Creates namespace {@code sfcb<slot>} and its veth pair; removes stale ones of that name. */
  static NetNs create(int slot) throws IOException {
    NetNs ns = new NetNs("sfcb" + slot, "sfcb" + slot + "h", slot);
    ns.removeQuietly();
    String inner = "sfcb" + slot + "n";
    ns.run("ip", "netns", "add", ns.name);
    ns.run("ip", "link", "add", ns.hostIf, "type", "veth", "peer", "name", inner);
    ns.run("ip", "link", "set", inner, "netns", ns.name);
    ns.run("ip", "addr", "add", ns.prefix() + ".1/30", "dev", ns.hostIf);
    ns.run("ip", "link", "set", ns.hostIf, "up");
    ns.run(
        "ip", "netns", "exec", ns.name, "ip", "addr", "add", ns.prefix() + ".2/30", "dev", inner);
    ns.run("ip", "netns", "exec", ns.name, "ip", "link", "set", inner, "up");
    ns.run("ip", "netns", "exec", ns.name, "ip", "link", "set", "lo", "up");
    return ns;
  }

  private String prefix() {
    return "10.213." + slot;
  }

  /** The host side's address, where the harness listens for this namespace. */
  InetAddress hostAddress() throws IOException {
    return InetAddress.getByName(prefix() + ".1");
  }

  /** The command prefix that runs a program inside the namespace. */
  List<String> launcher() {
    return List.of("ip", "netns", "exec", name);
  }

  /** Drops every packet over the pair, both ways. */
  synchronized void cut() throws IOException {
    if (!cut) {
      run("iptables", "-I", "INPUT", "-i", hostIf, "-j", "DROP");
      run("iptables", "-I", "OUTPUT", "-o", hostIf, "-j", "DROP");
      cut = true;
    }
  }

  /** Lets packets through again. */
  synchronized void heal() throws IOException {
    if (cut) {
      run("iptables", "-D", "INPUT", "-i", hostIf, "-j", "DROP");
      run("iptables", "-D", "OUTPUT", "-o", hostIf, "-j", "DROP");
      cut = false;
    }
  }

  @Override
  public synchronized void close() {
    removeQuietly();
    cut = false;
  }

  /** Deletes the namespace (and with it the pair) and any DROP rule of ours, ignoring errors. */
  private void removeQuietly() {
    for (String chain : List.of("INPUT -i", "OUTPUT -o")) {
      String[] c = chain.split(" ");
      while (runQuietly("iptables", "-D", c[0], c[1], hostIf, "-j", "DROP")) {
        // a rule left by an earlier run: delete every copy
      }
    }
    runQuietly("ip", "netns", "del", name);
    runQuietly("ip", "link", "del", hostIf);
  }

  private boolean runQuietly(String... cmd) {
    try {
      return exec(cmd) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private void run(String... cmd) throws IOException {
    if (exec(cmd) != 0) {
      throw new IOException("failed: " + String.join(" ", cmd));
    }
  }

  private static int exec(String... cmd) throws IOException {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true).start();
    try {
      p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", cmd));
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", cmd), e);
    }
  }
}
