package io.sfc.core.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges a run from the simulated processes, never from what the controllers believe: every
 * interval in which an instance runs is recorded in global time, and the spawn of an instance while
 * another one of the same service runs is an overlap. Down gaps (no instance running) give the
 * recovery time after each fault, which is compared with the bound the fault was injected with.
 */
final class Checker {
  private final Timeline timeline;
  private final List<SimProcess> live = new ArrayList<>();

  /** Instances of the other services of a node (overlap only; no recovery bound), by service. */
  private final Map<String, List<SimProcess>> others = new HashMap<>();

  private final List<String> overlaps = new ArrayList<>();

  /** The nodes on which any instance of any service was spawned. */
  private final Set<String> ranOn = new TreeSet<>();

  private final List<long[]> gaps = new ArrayList<>();
  private final List<Fault> faults = new ArrayList<>();
  private final List<Long> noiseTimes = new ArrayList<>();
  private final Map<SimNetwork.Noise, Integer> noise = new EnumMap<>(SimNetwork.Noise.class);
  private long downSince;
  private long firstProblemAt = Long.MAX_VALUE;
  private long instances;

  /**
   * One injected fault and the bound on recovery it was given.
   *
   * @param kind what was injected
   * @param node the node it hit, or "-"
   * @param at global time of injection (recovery is measured from here)
   * @param boundAt the service must run again by this global time; Long.MAX_VALUE = no bound
   * @param perNoise extra time allowed for each background noise fault inside the window
   */
  static final class Fault {
    final FaultKind kind;
    final String node;
    final long at;
    long boundAt;
    final long perNoise;
    long to = Long.MAX_VALUE;
    long recovery = -1;
    String violation;

    Fault(FaultKind kind, String node, long at, long boundAt, long perNoise) {
      this.kind = kind;
      this.node = node;
      this.at = at;
      this.boundAt = boundAt;
      this.perNoise = perNoise;
    }
  }

  private final long noiseLookback;

  /**
   * @param noiseLookback how long before a fault a noise fault may still act on it (a lost renewal
   *     reply makes its holder self-fence up to one renew deadline later)
   */
  Checker(Timeline timeline, long noiseLookback) {
    this.timeline = timeline;
    this.noiseLookback = noiseLookback;
  }

  void spawned(SimProcess p, long t) {
    instances++;
    ranOn.add(p.node().id());
    if (!p.service().equals(Simulation.SERVICE)) {
      List<SimProcess> same = others.computeIfAbsent(p.service(), k -> new ArrayList<>());
      overlaps(same, p, t, p.service() + " ");
      same.add(p);
      return;
    }
    overlaps(live, p, t, "");
    if (live.isEmpty()) {
      gaps.add(new long[] {downSince, t});
    }
    live.add(p);
  }

  /** Records an overlap of {@code p} with every instance in {@code running}. */
  private void overlaps(List<SimProcess> running, SimProcess p, long t, String of) {
    for (SimProcess other : running) {
      String o =
          String.format(
              "OVERLAP %sat %.3fs: pid %d on %s (epoch %d, running since %.3fs) and pid %d on %s"
                  + " (epoch %d)",
              of,
              t / 1e9,
              other.pid(),
              other.node().id(),
              other.epoch(),
              other.spawnedAt() / 1e9,
              p.pid(),
              p.node().id(),
              p.epoch());
      overlaps.add(o);
      firstProblemAt = Math.min(firstProblemAt, t);
      timeline.add("CHECKER", o);
    }
  }

  void exited(SimProcess p, long t, boolean crashed) {
    if (!p.service().equals(Simulation.SERVICE)) {
      others.get(p.service()).remove(p);
      return;
    }
    live.remove(p);
    if (live.isEmpty()) {
      downSince = t;
    }
  }

  /** The nodes on which any instance of any service was spawned. */
  Set<String> ranOn() {
    return ranOn;
  }

  /** The one running instance, or null (any one of them if they overlap). */
  SimProcess running() {
    return live.isEmpty() ? null : live.get(0);
  }

  boolean up() {
    return !live.isEmpty();
  }

  /** A noise fault at {@code t}; it extends the recovery bounds when {@code extendsBounds}. */
  void noise(SimNetwork.Noise kind, long t, boolean extendsBounds) {
    noise.merge(kind, 1, Integer::sum);
    if (extendsBounds) {
      noiseTimes.add(t);
    }
  }

  Fault fault(FaultKind kind, String node, long at, long boundAt, long perNoise) {
    Fault f = new Fault(kind, node, at, boundAt, perNoise);
    faults.add(f);
    timeline.add(
        "FAULT",
        kind
            + " on "
            + node
            + (boundAt == Long.MAX_VALUE
                ? ""
                : String.format(", service must run by %.3fs", boundAt / 1e9)));
    return f;
  }

  /** Computes every fault's recovery and bound check; call once, at the end of the run. */
  void evaluate(long end) {
    for (Fault f : faults) {
      long to = Math.min(f.to, end);
      long recovered = recoveredAt(f.at, to);
      f.recovery = recovered == Long.MAX_VALUE ? Long.MAX_VALUE : recovered - f.at;
      long allowed = f.boundAt;
      if (allowed != Long.MAX_VALUE) {
        allowed += f.perNoise * noiseBetween(f.at - noiseLookback, to);
      }
      if (recovered > allowed) {
        f.violation =
            String.format(
                "RECOVERY BOUND EXCEEDED after %s on %s at %.3fs: service ran again %s, bound %.3fs",
                f.kind,
                f.node,
                f.at / 1e9,
                recovered == Long.MAX_VALUE ? "never" : String.format("at %.3fs", recovered / 1e9),
                allowed / 1e9);
        long seen = recovered == Long.MAX_VALUE ? allowed : recovered;
        firstProblemAt = Math.min(firstProblemAt, seen + 1_000_000_000L);
      }
    }
  }

  /** When the service ran again after the last down gap that began before {@code to}. */
  private long recoveredAt(long from, long to) {
    long at = from;
    for (long[] g : gaps) {
      if (g[1] > from && g[0] < to) {
        at = Math.max(at, g[1]);
      }
    }
    if (live.isEmpty() && downSince < to) {
      return Long.MAX_VALUE;
    }
    return at;
  }

  private int noiseBetween(long from, long to) {
    int n = 0;
    for (long t : noiseTimes) {
      if (t >= from && t < to) {
        n++;
      }
    }
    return n;
  }

  /** Global time of the first overlap, or just after the first late recovery. */
  long firstProblemAt() {
    return firstProblemAt;
  }

  List<String> overlaps() {
    return overlaps;
  }

  List<Fault> faults() {
    return faults;
  }

  Map<SimNetwork.Noise, Integer> noiseCounts() {
    return noise;
  }

  long instances() {
    return instances;
  }

  List<String> violations() {
    List<String> out = new ArrayList<>();
    for (Fault f : faults) {
      if (f.violation != null) {
        out.add(f.violation);
      }
    }
    return out;
  }
}
