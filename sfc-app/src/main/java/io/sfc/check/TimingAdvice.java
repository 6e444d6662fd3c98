package io.sfc.check;

import io.sfc.config.RunnerSettings;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.Timings;
import io.sfc.runner.fence.Fencing;
import io.sfc.runner.ssh.SshSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Warnings, not errors, about timings that are safe but will not work well: below sensible floors,
 * or SSH timeouts that cannot fit the timings they must fit. The safety rule itself is checked at
 * load ({@link Timings#violations}); these settings pass it and are still accepted. Each warning
 * names the key, the values, what goes wrong and the fix.
 */
public final class TimingAdvice {

  /** Below this, ordinary metastore latency and pauses cost needless failovers. */
  public static final Duration LEASE_TTL_FLOOR = Duration.ofSeconds(2);

  /** Below this, most programs are KILLed before they finish their shutdown. */
  public static final Duration STOP_TIMEOUT_FLOOR = Duration.ofSeconds(1);

  /** What a fence keeps of {@code command_timeout} for itself (see ShimFencer). */
  static final Duration FENCE_OVERHEAD = Duration.ofSeconds(1);

  private TimingAdvice() {}

  /** Every warning for {@code c}, in a stable order; empty when there is nothing to say. */
  public static List<String> warnings(SfcConfig c) {
    List<String> out = new ArrayList<>();
    leaseTtl(c.timings(), out);
    for (ServiceSpec s : c.services()) {
      stopTimeouts(s, out);
    }
    for (NodeSpec n : c.nodes()) {
      SshSettings ssh = c.sshOf(n.id());
      if (ssh != null && usesSsh(c)) {
        ssh(c, n, ssh, out);
      }
    }
    return out;
  }

  private static void leaseTtl(Timings t, List<String> out) {
    if (t.leaseTtl().compareTo(LEASE_TTL_FLOOR) < 0) {
      out.add(
          "timings.lease_ttl ("
              + Timings.fmt(t.leaseTtl())
              + ") is below "
              + Timings.fmt(LEASE_TTL_FLOOR)
              + ": it is safe, but a metastore that answers a little slowly, a GC pause or a busy"
              + " host then makes the holder miss renew_deadline and stop its service, a needless"
              + " failover; use a lease_ttl of at least "
              + Timings.fmt(LEASE_TTL_FLOOR));
    }
  }

  private static void stopTimeouts(ServiceSpec s, List<String> out) {
    if (s.stopTimeout().compareTo(STOP_TIMEOUT_FLOOR) < 0) {
      out.add(
          "service "
              + s.name()
              + ": stop_timeout ("
              + Timings.fmt(s.stopTimeout())
              + ") is below "
              + Timings.fmt(STOP_TIMEOUT_FLOOR)
              + ": a planned stop (switchover, sfc stop, restart) KILLs the service before most"
              + " programs finish their shutdown; use at least "
              + Timings.fmt(STOP_TIMEOUT_FLOOR)
              + " (a planned stop is not bound by lease_ttl)");
    }
    if (s.deadlineStopTimeout().compareTo(STOP_TIMEOUT_FLOOR) < 0) {
      out.add(
          "service "
              + s.name()
              + ": deadline_stop_timeout ("
              + Timings.fmt(s.deadlineStopTimeout())
              + ") is below "
              + Timings.fmt(STOP_TIMEOUT_FLOOR)
              + ": when this node cannot renew its lease the service is KILLed almost at once,"
              + " with no time to end its work cleanly; use at least "
              + Timings.fmt(STOP_TIMEOUT_FLOOR)
              + " and keep renew_deadline + deadline_stop_timeout + safety_margin below lease_ttl");
    }
  }

  /** Whether any service reaches other hosts over SSH: remote placement or SSH fencing. */
  private static boolean usesSsh(SfcConfig c) {
    for (ServiceSpec s : c.services()) {
      RunnerSettings r = c.runnerOf(s.name());
      if (r.remote() || (r.fencing() != Fencing.OFF && r.fenceCommand() == null)) {
        return true;
      }
    }
    return false;
  }

  private static void ssh(SfcConfig c, NodeSpec n, SshSettings ssh, List<String> out) {
    Duration renewDeadline = c.timings().renewDeadline();
    if (ssh.connectTimeout().compareTo(renewDeadline) >= 0) {
      out.add(
          "node "
              + n.id()
              + ": ssh connect_timeout ("
              + Timings.fmt(ssh.connectTimeout())
              + ") is not below timings.renew_deadline ("
              + Timings.fmt(renewDeadline)
              + "): a start on an unreachable host, and a fence of one, waits this long before"
              + " it gives up, so an unreachable target keeps the service down longer than a"
              + " holder that cannot renew waits before it stops (renew_deadline); use a"
              + " connect_timeout of at most half of renew_deadline, e.g. "
              + Timings.fmt(renewDeadline.dividedBy(2)));
    }
    Duration need = longestDeadlineStop(c).plus(FENCE_OVERHEAD);
    if (fencedOverSsh(c) && ssh.commandTimeout().compareTo(need) < 0) {
      out.add(
          "node "
              + n.id()
              + ": ssh command_timeout ("
              + Timings.fmt(ssh.commandTimeout())
              + ") is below the longest deadline_stop_timeout + "
              + Timings.fmt(FENCE_OVERHEAD)
              + " ("
              + Timings.fmt(need)
              + "): a fence of "
              + n.id()
              + " stops waiting before the fenced instance's deadline stop can end, so the fence"
              + " fails (and fencing: required refuses to start); use a command_timeout of at"
              + " least "
              + Timings.fmt(need));
    }
  }

  private static boolean fencedOverSsh(SfcConfig c) {
    return c.services().stream()
        .map(s -> c.runnerOf(s.name()))
        .anyMatch(r -> r.fencing() != Fencing.OFF && r.fenceCommand() == null);
  }

  private static Duration longestDeadlineStop(SfcConfig c) {
    return c.services().stream()
        .map(ServiceSpec::deadlineStopTimeout)
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }
}
