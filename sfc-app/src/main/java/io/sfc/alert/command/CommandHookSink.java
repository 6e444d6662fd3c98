package io.sfc.alert.command;

import io.sfc.alert.AlertJson;
import io.sfc.core.model.Alert;
import io.sfc.core.model.AlertKind;
import io.sfc.core.port.AlertSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command for the alerts of some kinds ({@code on_start}, {@code on_stop}, {@code
 * on_role_change}, {@code on_failover}). The command gets the alert as environment variables
 * ({@code SFC_ALERT_KIND}, {@code SFC_CLUSTER}, {@code SFC_NODE}, {@code SFC_SERVICE}, {@code
 * SFC_EPOCH}, {@code SFC_MESSAGE}, {@code SFC_AT}) and as JSON on stdin; exit 0 is success; it is
 * killed after the timeout. Test alerts run every hook.
 */
public final class CommandHookSink implements AlertSink {

  /** The alert kinds each hook runs for. */
  public static final Map<String, Set<AlertKind>> HOOKS =
      Map.of(
          "on_start", Set.of(AlertKind.CONTROLLER_STARTED),
          "on_stop", Set.of(AlertKind.CONTROLLER_STOPPED),
          "on_role_change",
              Set.of(
                  AlertKind.LEASE_ACQUIRED,
                  AlertKind.LEASE_LOST,
                  AlertKind.STEP_DOWN,
                  AlertKind.FAILOVER),
          "on_failover", Set.of(AlertKind.FAILOVER));

  private final String hook;
  private final List<String> command;
  private final Duration timeout;
  private final Set<AlertKind> kinds;

  public CommandHookSink(String hook, List<String> command, Duration timeout) {
    this.hook = hook;
    this.command = List.copyOf(command);
    this.timeout = timeout;
    this.kinds = HOOKS.get(hook);
    if (kinds == null) {
      throw new IllegalArgumentException("unknown hook " + hook);
    }
  }

  @Override
  public String name() {
    return "command " + hook;
  }

  @Override
  public void send(Alert alert) throws IOException, InterruptedException {
    if (alert.kind() != AlertKind.TEST && !kinds.contains(alert.kind())) {
      return;
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = pb.environment();
    io.sfc.secret.ChildEnv.current().scrub(null, env);
    env.put("SFC_ALERT_KIND", alert.kind().name());
    env.put("SFC_CLUSTER", alert.cluster());
    env.put("SFC_NODE", alert.node());
    env.put("SFC_SERVICE", alert.service());
    env.put("SFC_EPOCH", Long.toString(alert.epoch()));
    env.put("SFC_MESSAGE", alert.message());
    env.put("SFC_AT", alert.at().toString());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(AlertJson.document(alert).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the hook need not read its stdin
    }
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException(name() + " did not finish within " + timeout.toMillis() + " ms");
    }
    if (p.exitValue() != 0) {
      throw new IOException(name() + " exited with status " + p.exitValue());
    }
  }
}
