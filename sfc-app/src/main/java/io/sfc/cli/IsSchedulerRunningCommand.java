package io.sfc.cli;

import io.sfc.config.ConfigException;
import io.sfc.config.RunnerSettings;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.ServiceSpec;
import io.sfc.daemon.Runners;
import io.sfc.runner.detached.DetachedSettings;
import io.sfc.runner.shell.LocalShell;
import io.sfc.runner.shell.Procs;
import io.sfc.runner.shell.Shell;
import io.sfc.runner.ssh.SshConnections;
import io.sfc.runner.ssh.SshShell;
import io.sfc.runner.ssh.SshTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sfc is-scheduler-running}: like the original controller's verb, tells per node and service
 * whether the service's process runs there, checked on this machine or over SSH.
 */
@Command(
    name = "is-scheduler-running",
    mixinStandardHelpOptions = true,
    description = {
      "Tells per node and service whether the service's process runs there: the watchdog shim"
          + " (shim mode) or the pidfile / process_pattern (detached mode), checked on this"
          + " machine for this node and over SSH for the others.",
      "Exit code 5 if some node could not be checked."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc is-scheduler-running",
      "  sfc is-scheduler-running --config /etc/sfc/sfc.yaml --node master-2"
    })
final class IsSchedulerRunningCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws ConfigException {
    SfcConfig config = options.load(spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-20s %-16s %-8s %s%n", "SERVICE", "NODE", "RUNNING", "DETAIL");
    int unknown = 0;
    try (SshConnections ssh = SshConnections.withSystemEnv(config.ssh().values())) {
      for (ServiceSpec s : config.services()) {
        for (NodeSpec n : config.nodes()) {
          unknown += check(out, config, ssh, s, n);
        }
      }
    }
    out.flush();
    return unknown == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static int check(
      PrintWriter out, SfcConfig c, SshConnections ssh, ServiceSpec s, NodeSpec n) {
    RunnerSettings r = c.runnerOf(s.name());
    Shell shell = shell(c, ssh, r, n);
    if (shell == null) {
      out.printf(
          "%-20s %-16s %-8s %s%n",
          s.name(), n.id(), "?", "cannot check: no ssh: settings for this node");
      return 1;
    }
    try {
      List<Long> pids = pids(new Procs(shell), c, s, r);
      String what = r.detached() ? "pid " : "watchdog shim pid ";
      String detail =
          (pids.isEmpty() ? "no process" : what + pids)
              + " on "
              + shell.describe()
              + (r.detached() ? " (detached mode: no watchdog outside the controller)" : "");
      out.printf("%-20s %-16s %-8s %s%n", s.name(), n.id(), pids.isEmpty() ? "no" : "YES", detail);
      return 0;
    } catch (IOException e) {
      out.printf("%-20s %-16s %-8s %s%n", s.name(), n.id(), "?", e.getMessage());
      return 1;
    }
  }

  private static List<Long> pids(Procs procs, SfcConfig c, ServiceSpec s, RunnerSettings r)
      throws IOException {
    if (!r.detached()) {
      return procs.shims(c.cluster(), s.name());
    }
    DetachedSettings d = r.detachedSettings();
    if (d.pidfile() != null) {
      Long pid = procs.byPidfile(d.pidfile(), d.processPattern());
      return pid == null ? List.of() : List.of(pid);
    }
    return procs.byCommandLine(d.processPattern());
  }

  /** This machine for this controller's own node (local placement), else SSH, else null. */
  private static Shell shell(SfcConfig c, SshConnections ssh, RunnerSettings r, NodeSpec n) {
    if (!r.remote() && n.id().equals(c.node())) {
      return new LocalShell(Duration.ofSeconds(10));
    }
    SshTarget t = Runners.target(c, n);
    return t == null ? null : new SshShell(ssh, t);
  }
}
