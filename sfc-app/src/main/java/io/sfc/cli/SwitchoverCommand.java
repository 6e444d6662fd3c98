package io.sfc.cli;

import io.sfc.admin.AdminException;
import io.sfc.admin.HandoffResult;
import io.sfc.admin.MetastoreAdmin;
import io.sfc.admin.SwitchoverTicket;
import io.sfc.core.port.MetastoreException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sfc switchover}: a planned move of a service to another node, measured. */
@Command(
    name = "switchover",
    mixinStandardHelpOptions = true,
    description = {
      "Moves a service to another node without waiting for the lease to expire: the holder stops"
          + " its service and hands the lease to the target, which starts it at once. Refused"
          + " unless the target is a healthy standby. Waits until the target's instance has run for"
          + " its start grace (at least 1 s) and prints the time to that, the lease handoff time"
          + " and the service gap; exits 1 when the new instance ended within its start grace.",
      "",
      "Examples:",
      "  sfc switchover -c sfc.yaml --to master-2",
      "  sfc switchover -c sfc.yaml --service scheduler --timeout 60s",
      "  sfc switchover -c sfc.yaml --no-wait"
    })
final class SwitchoverCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "The service to move (needed when several are configured).")
  String service;

  @Option(
      names = "--to",
      paramLabel = "NODE",
      description = "The target node; by default the standby that reported most recently.")
  String to;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "How long to wait for the service to run on the target (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--no-wait", description = "Only request the switchover; do not wait for it.")
  boolean noWait;

  @Override
  public Integer call() throws Exception {
    return options.withAdmin((config, ms, admin) -> switchover(admin));
  }

  private int switchover(MetastoreAdmin admin)
      throws MetastoreException, AdminException, InterruptedException {
    SwitchoverTicket t = admin.switchover(service, to, Operator.name());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "switchover of %s requested: %s -> %s (epoch %d)%n",
        t.service(), t.from(), t.to(), t.epoch());
    out.flush();
    if (noWait) {
      return ExitCodes.OK;
    }
    return report(admin.awaitHandoff(t, timeout), out);
  }

  private int report(HandoffResult r, PrintWriter out) {
    SwitchoverTicket t = r.ticket();
    if (r.completed()) {
      out.printf(
          "switchover of %s: %s -> %s at epoch %d in %d ms (lease handed over in %s; service gap"
              + " %s, from the old instance's STOPPED to the new one's STARTED event)%n",
          t.service(),
          t.from(),
          t.to(),
          r.epoch(),
          r.elapsed().toMillis(),
          ms(r.leaseHandoff()),
          ms(r.serviceGap()));
      out.flush();
      return ExitCodes.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(failure(r));
    err.flush();
    return r.failure() != null ? ExitCodes.FAILURE : ExitCodes.TIMED_OUT;
  }

  private static String ms(Duration d) {
    return d == null ? "unknown" : d.toMillis() + " ms";
  }

  private static String failure(HandoffResult r) {
    SwitchoverTicket t = r.ticket();
    if (r.failure() != null) {
      return String.format(
          "switchover of %s: %s started it at epoch %d after %d ms, but %s before it had run for"
              + " its start grace; see 'sfc history'",
          t.service(), t.to(), r.epoch(), r.elapsed().toMillis(), r.failure());
    }
    if (r.epoch() > t.epoch() && r.holder() != null && !r.holder().equals(t.to())) {
      return String.format(
          "switchover of %s: %s took it at epoch %d instead of %s (after %d ms)",
          t.service(), r.holder(), r.epoch(), t.to(), r.elapsed().toMillis());
    }
    return String.format(
        "switchover of %s: not finished after %d ms (lease: %s at epoch %d); see 'sfc status'"
            + " and 'sfc history'",
        t.service(), r.elapsed().toMillis(), r.holder(), r.epoch());
  }
}
