package io.sfc.cli;

import io.sfc.admin.AdminException;
import io.sfc.core.model.Directives;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.MetastoreException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code sfc pause} and {@code sfc resume} actually changed, read from the directives before
 * and after the request, so the operator is told what ended, that nothing was paused, or which
 * pause stays in effect. {@code read("*")} reports the cluster-wide pause alone on every backend.
 */
final class PauseReport {
  private PauseReport() {}

  /** The request itself (the admin call, which also checks the service name). */
  interface Step {
    void run() throws MetastoreException, AdminException;
  }

  /** A line for the operator and whether the request changed anything. */
  record Outcome(boolean changed, String message) {}

  /** Ends the pause of {@code scope} and says what that did to {@code services}. */
  static Outcome resume(DirectiveStore d, String scope, List<String> services, Step step)
      throws MetastoreException, AdminException {
    return scope == null ? resumeAll(d, services, step) : resumeOne(d, scope, step);
  }

  private static Outcome resumeAll(DirectiveStore d, List<String> services, Step step)
      throws MetastoreException, AdminException {
    Directives before = d.read(DirectiveStore.ALL);
    step.run();
    List<String> still = new ArrayList<>();
    for (String s : services) {
      Directives now = d.read(s);
      if (now.paused()) {
        still.add(s + " (by " + now.pausedBy() + ")");
      }
    }
    String first =
        before.paused()
            ? "resumed all services (*): ended the cluster-wide pause by " + before.pausedBy()
            : "nothing to resume: the cluster was not paused (*)";
    if (still.isEmpty()) {
      return new Outcome(before.paused(), first);
    }
    return new Outcome(
        before.paused(),
        first
            + "; still paused on their own: "
            + String.join(", ", still)
            + " (end with 'sfc resume --service NAME')");
  }

  private static Outcome resumeOne(DirectiveStore d, String service, Step step)
      throws MetastoreException, AdminException {
    Directives before = d.read(service);
    step.run();
    if (!before.paused()) {
      return new Outcome(false, "nothing to resume: " + service + " was not paused");
    }
    Directives cluster = d.read(DirectiveStore.ALL);
    if (!cluster.paused()) {
      return new Outcome(true, "resumed " + service + ": ended its pause by " + before.pausedBy());
    }
    return new Outcome(
        false,
        service
            + " stays paused: the cluster-wide pause (*) by "
            + cluster.pausedBy()
            + " remains in effect (end it with 'sfc resume')");
  }

  /** Pauses {@code scope} and says whether it already was. */
  static Outcome pause(DirectiveStore d, String scope, String by, Step step)
      throws MetastoreException, AdminException {
    Directives before = d.read(scope == null ? DirectiveStore.ALL : scope);
    step.run();
    String what = Operator.scope(scope);
    if (before.paused()) {
      return new Outcome(
          false, "already paused " + what + " (by " + before.pausedBy() + "); still paused");
    }
    return new Outcome(true, "paused " + what + " (by " + by + ")");
  }
}
