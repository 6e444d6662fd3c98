package io.sfc.runner.fence;

import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.runner.shell.Procs;
import io.sfc.runner.shell.ShellResult;
import java.io.IOException;
import java.time.Duration;

/**
 * Fences a node over SSH by stopping every watchdog shim there that runs the service for this
 * cluster under an older epoch (found by the shims' {@code SFC_CLUSTER}, {@code SFC_SERVICE} and
 * {@code SFC_EPOCH}): TERM to the shim, which makes a deadline stop of the service's process group;
 * KILL to what is left after the deadline stop timeout (a fence does not wait out a planned stop's
 * long one: the instance it fences holds no lease). Works for shims started by a local runner on
 * that node and by a remote runner alike.
 */
public final class ShimFencer implements Fencer {

  private final String node;
  private final String cluster;
  private final Procs procs;
  private final Duration commandTimeout;

  public ShimFencer(String node, String cluster, Procs procs, Duration commandTimeout) {
    this.node = node;
    this.cluster = cluster;
    this.procs = procs;
    this.commandTimeout = commandTimeout;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public String fence(ServiceSpec spec, long epoch) throws IOException {
    long waitMs =
        Math.max(
            100,
            Math.min(
                spec.stopTimeout(StopPath.DEADLINE).toMillis(), commandTimeout.toMillis() - 1000));
    ShellResult r =
        procs.run("fence", cluster, spec.name(), Long.toString(epoch), Long.toString(waitMs));
    if (!r.ok()) {
      throw new IOException("fence script exited with " + r.status() + ": " + r.lastLine());
    }
    return r.stdout().strip().replace('\n', ';') + " on " + procs.shell().describe();
  }
}
