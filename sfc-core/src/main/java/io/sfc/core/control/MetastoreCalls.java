package io.sfc.core.control;

import io.sfc.core.decide.Outcome;
import io.sfc.core.model.Directives;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.port.MetastoreException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Function;

/**
 * The metastore calls of one service's controller, each returning what happened as an {@link
 * Outcome}: a call that fails is logged and becomes a failure outcome, never an exception. Runs on
 * the loop thread, through the context's {@link MetastoreCaller}.
 */
final class MetastoreCalls {
  private static final Logger LOG = System.getLogger(ServiceController.class.getName());
  private static final long REJECTION_LOG_NANOS = Duration.ofMinutes(1).toNanos();
  private static final Outcome NOT_GRANTED = new Outcome.AcquireFailed("lease held");

  private final ServiceController.Context ctx;
  private final String service;
  private long rejectionLoggedAt = Long.MIN_VALUE;

  /**
   * The cause of the last rejection, kept until a read succeeds (a timeout in between does not show
   * that the cause was fixed); null while the metastore accepts the controller.
   */
  private String rejection;

  /** How long the controller did not run during the last read's timed-out call, or 0. */
  private long stalledNanos;

  MetastoreCalls(ServiceController.Context ctx, String service) {
    this.ctx = ctx;
    this.service = service;
  }

  /**
   * Reads the lease, then the directives; when either read fails, the outcome is {@link
   * Outcome.Unreachable} (the loop then decides on neither).
   */
  Outcome read() {
    try {
      LeaseRecord record = ctx.caller().call(() -> ctx.leases().read(service));
      Directives read = ctx.caller().call(() -> ctx.directives().read(service));
      rejection = null;
      return new Outcome.Observed(record, read);
    } catch (MetastoreCaller.StalledCall e) {
      stalledNanos = e.gapNanos();
      return new Outcome.Unreachable(e.getMessage(), false);
    } catch (MetastoreException e) {
      if (e.rejected()) {
        logRejection(e.getMessage());
        rejection = e.getMessage();
      }
      return new Outcome.Unreachable(e.getMessage(), e.rejected());
    }
  }

  /**
   * How long the controller did not run while the last {@link #read()} waited for an answer (0 when
   * it did not stall); reset by the call.
   */
  long takeStall() {
    long gap = stalledNanos;
    stalledNanos = 0;
    return gap;
  }

  /**
   * Why the metastore rejects this controller (credentials, privileges, schema: the cause and the
   * fix), from the last read or write it rejected, until a read succeeds; null while it accepts the
   * controller or has only failed to answer since.
   */
  String rejection() {
    return rejection;
  }

  /**
   * A rejection (credentials, privileges, schema) needs an operator: one ERROR naming the cause, at
   * most once a minute, while the loop keeps treating the metastore as unreachable (the lease is
   * not renewed) and retrying.
   */
  private void logRejection(String why) {
    long t = ctx.clock().nanoTime();
    if (rejectionLoggedAt != Long.MIN_VALUE && t - rejectionLoggedAt < REJECTION_LOG_NANOS) {
      return;
    }
    rejectionLoggedAt = t;
    LOG.log(
        Level.ERROR,
        "{0}: {1}; the lease cannot be renewed until this is fixed; retrying (logged at most once a"
            + " minute)",
        service,
        "metastore rejected: " + why);
  }

  /** Tries to take the free lease; {@code sent} is the instant before the call. */
  Outcome acquire(long sent) {
    return call(
        "acquire failed",
        () -> ctx.leases().tryAcquire(service, ctx.node(), ctx.timings().leaseTtl()),
        won -> won.<Outcome>map(l -> new Outcome.Acquired(l, sent)).orElse(NOT_GRANTED),
        Outcome.AcquireFailed::new);
  }

  /** Extends {@code lease}; {@code sent} is the instant before the call. */
  Outcome renew(Lease lease, long sent) {
    return call(
        "renewal failed",
        () -> ctx.leases().renew(lease, ctx.timings().leaseTtl()),
        ok -> ok ? new Outcome.Renewed(sent) : new Outcome.RenewRefused(sent),
        why -> new Outcome.RenewFailed(sent, why));
  }

  /**
   * Expires {@code lease} now. The hold ends either way ({@code released}): when the write fails,
   * the lease expires by itself.
   */
  Outcome release(Lease lease, Outcome.Released released) {
    return call(
        "release failed, lease will expire",
        () -> ctx.leases().release(lease),
        ok -> released,
        why -> released);
  }

  /** Removes the switchover request of {@code epoch}. */
  Outcome clearSwitchover(long epoch) {
    return call(
        "clearing the switchover failed",
        () -> {
          ctx.directives().clearSwitchover(service, epoch);
          return true;
        },
        ok -> new Outcome.SwitchoverCleared(),
        Outcome.ClearFailed::new);
  }

  private <T> Outcome call(
      String what,
      MetastoreCaller.Call<T> call,
      Function<T, Outcome> answered,
      Function<String, Outcome> failed) {
    try {
      return answered.apply(ctx.caller().call(call));
    } catch (MetastoreException e) {
      LOG.log(Level.WARNING, "{0}: {1}: {2}", service, what, e.getMessage());
      if (e.rejected()) {
        rejection = e.getMessage();
      }
      return failed.apply(e.getMessage());
    }
  }
}
