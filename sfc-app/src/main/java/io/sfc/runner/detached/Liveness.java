package io.sfc.runner.detached;

import io.sfc.runner.shell.Procs;
import java.io.IOException;
import java.util.List;

/**
 * Tells whether a detached service runs: by its pidfile (the process lives and, when readable, its
 * command line is still the one first seen, or {@code process_pattern} when given), or by the exact
 * command line {@code process_pattern}.
 */
final class Liveness {

  private final Procs procs;
  private final DetachedSettings settings;
  private String firstSeen;

  Liveness(Procs procs, DetachedSettings settings) {
    this.procs = procs;
    this.settings = settings;
  }

  /** The live service's pid, or null when it does not run. */
  Long check() throws IOException {
    if (settings.pidfile() == null) {
      List<Long> pids = procs.byCommandLine(settings.processPattern());
      return pids.isEmpty() ? null : pids.get(0);
    }
    String expected = settings.processPattern() != null ? settings.processPattern() : firstSeen;
    Long pid = procs.byPidfile(settings.pidfile(), expected);
    if (pid != null && expected == null) {
      firstSeen = procs.cmdline(pid);
    }
    return pid;
  }

  String describe() {
    if (settings.pidfile() == null) {
      return "process_pattern '" + settings.processPattern() + "'";
    }
    return "pidfile "
        + settings.pidfile()
        + (settings.processPattern() == null
            ? ""
            : " with command line '" + settings.processPattern() + "'");
  }
}
