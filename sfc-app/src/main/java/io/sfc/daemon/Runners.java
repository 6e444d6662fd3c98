package io.sfc.daemon;

import io.sfc.config.RunnerSettings;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MonotonicClock;
import io.sfc.core.port.NodeRunner;
import io.sfc.runner.detached.DetachedRunner;
import io.sfc.runner.fence.CommandFencer;
import io.sfc.runner.fence.DetachedFencer;
import io.sfc.runner.fence.Fencer;
import io.sfc.runner.fence.Fencing;
import io.sfc.runner.fence.FencingRunner;
import io.sfc.runner.fence.ShimFencer;
import io.sfc.runner.local.LocalRunner;
import io.sfc.runner.shell.LocalShell;
import io.sfc.runner.shell.Procs;
import io.sfc.runner.shell.Shell;
import io.sfc.runner.shell.ShellQuote;
import io.sfc.runner.ssh.SshConnections;
import io.sfc.runner.ssh.SshRunner;
import io.sfc.runner.ssh.SshSettings;
import io.sfc.runner.ssh.SshShell;
import io.sfc.runner.ssh.SshTarget;
import io.sfc.time.Sleeper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the runner of each service from its placement and mode (local shim, remote shim over SSH,
 * detached locally or over SSH) and wraps it in a {@link FencingRunner} that fences the other nodes
 * through SSH or the {@code fence_command}.
 */
public final class Runners {
  private static final Logger LOG = LoggerFactory.getLogger(Runners.class);
  static final Duration LOCAL_COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private final SfcConfig config;
  private final Path logDir;
  private final Executor actions;
  private final ScheduledExecutorService timer;
  private final SshConnections ssh;
  private final LocalRunner local;
  private final Executor fencing;

  /**
   * @param ssh the SSH connections, or null when no node has SSH settings
   * @param resources the owner of the fence pool this creates
   */
  public Runners(
      SfcConfig config,
      Path logDir,
      Executor actions,
      ScheduledExecutorService timer,
      SshConnections ssh,
      Resources resources)
      throws IOException {
    this.config = config;
    this.logDir = logDir;
    this.actions = actions;
    this.timer = timer;
    this.ssh = ssh;
    this.local = new LocalRunner(config.cluster(), config.node(), logDir, actions);
    int others = Math.max(1, config.nodes().size() - 1);
    this.fencing = resources.own("sfc-fence", Threads.bounded("sfc-fence", others, 64));
  }

  /** The SSH target of a node, or null when it has no SSH settings. */
  public static SshTarget target(SfcConfig config, NodeSpec node) {
    SshSettings s = config.sshOf(node.id());
    return s == null ? null : new SshTarget(node.id(), node.host(), s);
  }

  /** The shell on a node: over SSH for remote placement, else this machine. */
  public Shell shell(RunnerSettings r, NodeSpec node) {
    SshTarget t = target(config, node);
    return r.remote() && t != null && ssh != null
        ? new SshShell(ssh, t)
        : new LocalShell(LOCAL_COMMAND_TIMEOUT);
  }

  /** The runner of one service, fencing included. */
  public NodeRunner forService(
      ServiceSpec spec, EventLog events, LeaseStore leases, MonotonicClock clock)
      throws IOException {
    RunnerSettings r = config.runnerOf(spec.name());
    NodeRunner base = base(spec, r, clock);
    return new FencingRunner(
        base,
        config.node(),
        r.fencing(),
        !r.detached(),
        fencers(spec, r, clock),
        events,
        leases,
        clock,
        fencing);
  }

  private NodeRunner base(ServiceSpec spec, RunnerSettings r, MonotonicClock clock)
      throws IOException {
    NodeSpec self = config.self();
    if (r.detached()) {
      LOG.warn(
          "{} runs in detached mode: no watchdog outside this JVM; if this controller dies or"
              + " freezes, only fencing by the next holder stops it",
          spec.name());
      Shell shell = shell(r, self);
      String log =
          r.remote()
              ? "\"${TMPDIR:-/tmp}/sfc-" + spec.name() + ".log\""
              : ShellQuote.quote(local.logFile(spec.name()).toString());
      Duration wait =
          r.remote() ? target(config, self).settings().commandTimeout() : LOCAL_COMMAND_TIMEOUT;
      return new DetachedRunner(
          config.cluster(),
          self.id(),
          r.detachedSettings(),
          new Procs(shell),
          log,
          wait,
          timer,
          actions,
          clock,
          Sleeper.system());
    }
    if (r.remote()) {
      return new SshRunner(config.cluster(), ssh, target(config, self), logDir, actions, clock);
    }
    return local;
  }

  private List<Fencer> fencers(ServiceSpec spec, RunnerSettings r, MonotonicClock clock) {
    List<Fencer> out = new ArrayList<>();
    for (NodeSpec n : config.nodes()) {
      if (n.id().equals(config.node())) {
        continue;
      }
      Fencer f = fencer(r, n, clock);
      if (f != null) {
        out.add(f);
      } else if (r.fencing() != Fencing.OFF) {
        LOG.info(
            "{}: node {} cannot be fenced (no ssh settings and no fence_command)",
            spec.name(),
            n.id());
      }
    }
    return out;
  }

  private Fencer fencer(RunnerSettings r, NodeSpec n, MonotonicClock clock) {
    if (r.fenceCommand() != null) {
      return new CommandFencer(n, r.fenceCommand(), new LocalShell(LOCAL_COMMAND_TIMEOUT));
    }
    SshTarget t = target(config, n);
    if (t == null || ssh == null) {
      return null;
    }
    Procs procs = new Procs(new SshShell(ssh, t));
    return r.detached()
        ? new DetachedFencer(n.id(), r.detachedSettings(), procs, clock, Sleeper.system())
        : new ShimFencer(n.id(), config.cluster(), procs, t.settings().commandTimeout());
  }
}
