package io.sfc.config;

import io.sfc.config.RunnerSettings.Mode;
import io.sfc.config.RunnerSettings.Placement;
import io.sfc.reader.Section;
import io.sfc.runner.detached.DetachedSettings;
import io.sfc.runner.fence.Fencing;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a service's placement, mode, detached-mode and fencing keys into {@link RunnerSettings}.
 */
final class RunnerBinder {

  static final List<String> KEYS =
      List.of(
          "placement",
          "mode",
          "start_command",
          "stop_command",
          "pidfile",
          "process_pattern",
          "poll_interval",
          "fencing",
          "fence_command");
  static final List<String> DETACHED_KEYS =
      List.of("start_command", "stop_command", "pidfile", "process_pattern", "poll_interval");
  static final List<String> FENCE_VARIABLES = List.of("node", "host", "service", "epoch");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private RunnerBinder() {}

  /** The mode alone, read first: {@code command} is optional in detached mode. */
  static Mode mode(Section s) {
    return s.choice("mode", Mode.class, Mode.SHIM, "shim (under the watchdog) or detached");
  }

  /** The settings; after a problem they are not used (the entry has no spec). */
  static RunnerSettings bind(Section s, Mode mode) {
    Placement placement =
        s.choice(
            "placement",
            Placement.class,
            Placement.LOCAL,
            "local (on the controller's machine) or remote (on the node's host over SSH)");
    Fencing fencing =
        s.choice("fencing", Fencing.class, Fencing.BEST_EFFORT, "off, best-effort or required");
    String fence = fenceCommand(s);
    if (mode != Mode.DETACHED) {
      rejectDetachedKeys(s);
      return new RunnerSettings(placement, mode, null, fencing, fence);
    }
    String start = s.requiredString("start_command", startFix());
    String pidfile = pidfile(s);
    String pattern = s.string("process_pattern");
    checkLiveness(s, pidfile, pattern);
    Duration poll = s.duration("poll_interval", DetachedSettings.POLL_INTERVAL);
    String stop = s.string("stop_command");
    return new RunnerSettings(
        placement, mode, new DetachedSettings(start, stop, pidfile, pattern, poll), fencing, fence);
  }

  private static String startFix() {
    return "give the shell command that starts the service in the background, e.g. start_command:"
        + " 'nohup airflow scheduler >> /var/log/airflow/scheduler.log 2>&1 &'";
  }

  private static void rejectDetachedKeys(Section s) {
    for (String key : DETACHED_KEYS) {
      if (s.get(key) != null) {
        s.report(key, "is only used with mode: detached; remove it, or set mode: detached");
      }
    }
  }

  private static String pidfile(Section s) {
    String p = s.string("pidfile");
    if (p != null && !p.startsWith("/")) {
      s.report("pidfile", "'" + p + "' is a relative path; use an absolute path");
    }
    return p;
  }

  private static void checkLiveness(Section s, String pidfile, String pattern) {
    if (pidfile == null && pattern == null && s.get("pidfile") == null) {
      s.report(
          "pidfile",
          "missing; mode: detached needs a way to tell whether the service runs: give pidfile"
              + " (the file the service writes its pid to) or process_pattern (its exact command"
              + " line, e.g. process_pattern: 'airflow scheduler')");
    }
    if (pattern != null && pattern.isBlank()) {
      s.report("process_pattern", "is blank; give the service's exact command line");
    }
  }

  private static String fenceCommand(Section s) {
    String cmd = s.string("fence_command");
    Matcher m = VARIABLE.matcher(cmd == null ? "" : cmd);
    while (m.find()) {
      if (!FENCE_VARIABLES.contains(m.group(1))) {
        s.report(
            "fence_command",
            "'${"
                + m.group(1)
                + "}' is not a fence variable; use ${node}, ${host}, ${service} or ${epoch}"
                + " (environment variables are not expanded here; the shell expands $VAR when the"
                + " command runs)");
        break;
      }
    }
    return cmd;
  }
}
