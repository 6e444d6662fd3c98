package io.sfc.core.sim;

import java.util.List;
import java.util.Map;

/** The outcome of one run: what the checker found, what was injected, and the timeline. */
record SimResult(
    long seed,
    SimConfig config,
    Checker checker,
    Map<FaultKind, Integer> injected,
    Timeline timeline,
    long simulatedNanos,
    long events) {

  /** The command that replays this run. */
  static String replay(long seed) {
    return "./mvnw -q -pl sfc-core test -Dspotless.check.skip=true"
        + " -Dtest=SimulationTest -Dsurefire.failIfNoSpecifiedTests=false -Dsim.seed="
        + seed;
  }

  List<String> problems() {
    List<String> out = new java.util.ArrayList<>(checker.overlaps());
    out.addAll(checker.violations());
    return out;
  }

  boolean failed() {
    return !problems().isEmpty();
  }

  /** A readable failure report: seed, replay command, configuration, problems, last events. */
  String report() {
    return "seed "
        + seed
        + " FAILED\n"
        + "replay: "
        + replay(seed)
        + "\n"
        + "config: "
        + config
        + "\n"
        + String.join("\n", problems())
        + "\n"
        + "--- events up to the first problem (global time) ---\n"
        + timeline.render(checker.firstProblemAt(), 150);
  }
}
