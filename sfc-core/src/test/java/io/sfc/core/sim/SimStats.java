package io.sfc.core.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Totals over many runs, for the report printed by the test and written to target/. */
final class SimStats {
  private int runs;
  private int multiService;
  private long overlaps;
  private long violations;
  private long instances;
  private long events;
  private long simulatedNanos;
  private final Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
  private final Map<SimNetwork.Noise, Integer> noise = new EnumMap<>(SimNetwork.Noise.class);
  private final Map<FaultKind, List<Long>> recoveries = new EnumMap<>(FaultKind.class);
  private final Map<FaultKind, Integer> unbounded = new EnumMap<>(FaultKind.class);
  private final Map<FaultKind, Long> worstSeed = new EnumMap<>(FaultKind.class);
  private final Map<FaultKind, Long> worst = new EnumMap<>(FaultKind.class);
  private final List<Long> failedSeeds = new ArrayList<>();

  synchronized void add(SimResult r) {
    runs++;
    if (r.config().services() > 1) {
      multiService++;
    }
    overlaps += r.checker().overlaps().size();
    violations += r.checker().violations().size();
    instances += r.checker().instances();
    events += r.events();
    simulatedNanos += r.simulatedNanos();
    if (r.failed()) {
      failedSeeds.add(r.seed());
    }
    r.injected().forEach((k, v) -> injected.merge(k, v, Integer::sum));
    r.checker().noiseCounts().forEach((k, v) -> noise.merge(k, v, Integer::sum));
    for (Checker.Fault f : r.checker().faults()) {
      if (f.boundAt == Long.MAX_VALUE) {
        unbounded.merge(f.kind, 1, Integer::sum);
        continue;
      }
      recoveries.computeIfAbsent(f.kind, k -> new ArrayList<>()).add(f.recovery);
      if (f.recovery > worst.getOrDefault(f.kind, -1L)) {
        worst.put(f.kind, f.recovery);
        worstSeed.put(f.kind, r.seed());
      }
    }
  }

  synchronized List<Long> failedSeeds() {
    return List.copyOf(failedSeeds);
  }

  synchronized String render(long wallMillis, String command) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "sfc simulation: %d runs (%d with 3 services per node) in %.1f s wall, %.1f h"
                + " simulated, %d events, %d service instances%n",
            runs, multiService, wallMillis / 1000.0, simulatedNanos / 3.6e12, events, instances));
    b.append("command: ").append(command).append('\n');
    b.append(
        String.format(
            "overlaps found: %d; recovery bound violations: %d; failed seeds: %s%n",
            overlaps,
            violations,
            failedSeeds.size() > 20 ? failedSeeds.subList(0, 20) + "..." : failedSeeds));
    b.append("fault episodes injected: ").append(new TreeMap<>(nameMap(injected))).append('\n');
    b.append("background noise injected: ").append(noise).append('\n');
    b.append(
        String.format(
            "%-17s %8s %8s %9s %9s %9s %9s  %s%n",
            "recovery", "faults", "outages", "p50", "p99", "worst", "unbound", "worst seed"));
    for (var e : recoveries.entrySet()) {
      List<Long> all = e.getValue();
      List<Long> down = all.stream().filter(v -> v > 0).sorted().toList();
      b.append(
          String.format(
              "%-17s %8d %8d %9s %9s %9s %9d  %s%n",
              e.getKey(),
              all.size(),
              down.size(),
              secs(pct(down, 0.50)),
              secs(pct(down, 0.99)),
              secs(down.isEmpty() ? 0 : down.get(down.size() - 1)),
              unbounded.getOrDefault(e.getKey(), 0),
              worstSeed.get(e.getKey())));
    }
    b.append(
        "(recovery = time from injection until an instance runs again; faults = bounded"
            + " faults, outages = those that stopped the service, percentiles over outages;"
            + " unbound = compound faults, checked for overlap only; SERVICE_CRASH per crash)\n");
    return b.toString();
  }

  private static Map<String, Integer> nameMap(Map<FaultKind, Integer> m) {
    Map<String, Integer> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k.name(), v));
    return out;
  }

  private static long pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private static String secs(long nanos) {
    return nanos == Long.MAX_VALUE ? "never" : String.format("%.2fs", nanos / 1e9);
  }
}
