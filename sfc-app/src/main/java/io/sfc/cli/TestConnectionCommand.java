package io.sfc.cli;

import io.sfc.config.ConfigException;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.NodeSpec;
import io.sfc.daemon.Runners;
import io.sfc.runner.shell.ShellResult;
import io.sfc.runner.ssh.SshConnections;
import io.sfc.runner.ssh.SshException;
import io.sfc.runner.ssh.SshTarget;
import io.sfc.time.SystemTime;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sfc test-connection}: connects to every node over SSH and reports each step. */
@Command(
    name = "test-connection",
    mixinStandardHelpOptions = true,
    description = {
      "Connects to every node over SSH and runs a trivial command; prints per node whether it is"
          + " reachable, its host key is known, the key is accepted, and the command's latency.",
      "Exit code 5 if any node with SSH settings fails."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  sfc test-connection", "  sfc test-connection --config /etc/sfc/sfc.yaml"})
final class TestConnectionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws ConfigException {
    SfcConfig config = options.load(spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%-16s %-28s %-9s %-8s %-5s %-9s %s%n",
        "NODE", "TARGET", "REACHABLE", "HOST KEY", "AUTH", "LATENCY", "DETAIL");
    int failures = 0;
    try (SshConnections ssh = SshConnections.withSystemEnv(config.ssh().values())) {
      for (NodeSpec n : config.nodes()) {
        SshTarget t = Runners.target(config, n);
        failures += t == null ? skipped(out, n) : check(out, ssh, t);
      }
    }
    out.flush();
    return failures == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static int skipped(PrintWriter out, NodeSpec n) {
    out.printf(
        "%-16s %-28s %-9s %-8s %-5s %-9s %s%n",
        n.id(), n.host(), "-", "-", "-", "-", "skipped: no ssh: settings for this node");
    return 0;
  }

  private static int check(PrintWriter out, SshConnections ssh, SshTarget t) {
    String target = t.settings().user() + "@" + t.host() + ":" + t.settings().port();
    try {
      ssh.connect(t).close(true);
      ssh.exec(t, "true", null); // the first command also pays for class loading and JIT
      long t0 = SystemTime.MONOTONIC.nanoTime();
      ShellResult r = ssh.exec(t, "true", null);
      long ms = (SystemTime.MONOTONIC.nanoTime() - t0) / 1_000_000;
      String detail = r.ok() ? "ok" : "'true' exited with " + r.status();
      row(out, t.node(), target, "yes", "ok", "ok", ms + " ms", detail);
      return r.ok() ? 0 : 1;
    } catch (SshException e) {
      failed(out, t.node(), target, e.stage(), e.getMessage());
      return 1;
    } catch (java.io.IOException | RuntimeException e) {
      row(out, t.node(), target, "?", "?", "?", "-", e.toString());
      return 1;
    }
  }

  private static void failed(
      PrintWriter out, String node, String target, SshException.Stage s, String msg) {
    switch (s) {
      case KEY_FILE -> row(out, node, target, "-", "-", "-", "-", msg);
      case CONNECT -> row(out, node, target, "NO", "-", "-", "-", msg);
      case HOST_KEY -> row(out, node, target, "yes", "FAILED", "-", "-", msg);
      case AUTH -> row(out, node, target, "yes", "ok", "FAILED", "-", msg);
      case COMMAND -> row(out, node, target, "yes", "ok", "ok", "-", msg);
    }
  }

  private static void row(
      PrintWriter out,
      String node,
      String target,
      String reach,
      String hostKey,
      String auth,
      String latency,
      String detail) {
    out.printf(
        "%-16s %-28s %-9s %-8s %-5s %-9s %s%n",
        node, target, reach, hostKey, auth, latency, detail);
  }
}
