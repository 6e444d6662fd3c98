package io.sfc.core.control;

import io.sfc.core.decide.Outcome;
import io.sfc.core.model.Lease;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.port.BudgetExhaustedException;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import io.sfc.core.port.TargetUnreachableException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The long actions of one {@link ServiceController}, run on the node's action executor so that the
 * loop thread never waits for them: a launch (restoring the state files first when decided), a
 * stop, an upload of the state files. Every result comes back as an {@link Outcome} through {@code
 * post} (the loop's inbox); a started instance also hands over its handle through {@code started}.
 * A submission the executor rejects (only after shutdown) becomes the failed outcome of its action.
 */
final class InstanceActions {
  /** Why a launch due after the local deadline of the last renewal is not made. */
  static final String NO_BUDGET = "the renew deadline passed before launch";

  private final ServiceController.Context ctx;
  private final ServiceSpec spec;
  private final StateCarrier carrier;
  private final Supplier<Duration> budget;
  private final Consumer<Outcome> post;
  private final BiConsumer<Outcome.Started, ServiceHandle> started;

  /**
   * @param budget the watchdog budget at the moment it is asked (until the local deadline of the
   *     last renewal), measured on the action executor when the action runs
   */
  InstanceActions(
      ServiceController.Context ctx,
      ServiceSpec spec,
      Supplier<Duration> budget,
      Consumer<Outcome> post,
      BiConsumer<Outcome.Started, ServiceHandle> started) {
    this.ctx = ctx;
    this.spec = spec;
    this.carrier = new StateCarrier(spec.name(), spec.state(), ctx.states(), ctx.caller());
    this.budget = budget;
    this.post = post;
    this.started = started;
  }

  /** Launches instance {@code id} under {@code epoch}, restoring the state files first if asked. */
  void launch(long id, long epoch, boolean restore) {
    try {
      ctx.actions().execute(() -> run(id, epoch, restore));
    } catch (RejectedExecutionException e) {
      post.accept(new Outcome.StartFailed(id, "launch rejected: " + e.getMessage()));
    }
  }

  /** Uploads the state files, conditional on {@code lease}. */
  void upload(Lease lease, boolean afterStop) {
    try {
      ctx.actions().execute(() -> post.accept(carrier.upload(lease, afterStop)));
    } catch (RejectedExecutionException e) {
      post.accept(new Outcome.StateUploadFailed(afterStop, "upload rejected: " + e.getMessage()));
    }
  }

  /**
   * Stops {@code h} by {@code path}. The budget of a planned stop is measured when the stop runs,
   * like a launch's: the executor may have stalled since the stop was decided.
   */
  void stop(ServiceHandle h, StopPath path) {
    ctx.actions().execute(() -> h.stop(path, budget.get()));
  }

  /**
   * The launch itself. The watchdog budget is measured here from the latest renewal, not when the
   * start was decided: the executor (or the whole JVM) may have stalled in between, past the local
   * deadline and past the lease's expiry, or renewals may have succeeded meanwhile. The runner
   * measures it again when it launches the instance (after fencing and connecting), from the
   * renewals the loop made in the meantime, so that work never eats the shim's budget.
   */
  private void run(long id, long epoch, boolean restore) {
    if (restore) {
      post.accept(carrier.restore(id));
    }
    Duration left = budget.get();
    if (left.isZero()) {
      post.accept(new Outcome.NotLaunched(id, NO_BUDGET));
      return;
    }
    try {
      ServiceHandle h = ctx.runner().start(spec, epoch, budget, new Listener(id));
      started.accept(new Outcome.Started(id, h.pid()), h);
    } catch (TargetUnreachableException e) {
      post.accept(new Outcome.TargetUnreachable(id, e.getMessage()));
    } catch (BudgetExhaustedException e) {
      post.accept(new Outcome.NotLaunched(id, e.getMessage()));
    } catch (IOException | RuntimeException e) {
      post.accept(new Outcome.StartFailed(id, e.getMessage()));
    }
  }

  /** Hands the exit and a lost connection of instance {@code id} over as outcomes. */
  private final class Listener implements NodeRunner.ExitListener {
    private final long id;

    Listener(long id) {
      this.id = id;
    }

    @Override
    public void exited(int status) {
      post.accept(new Outcome.Exited(id, status));
    }

    @Override
    public void lost(String why) {
      post.accept(new Outcome.ConnectionLost(id, why));
    }
  }
}
