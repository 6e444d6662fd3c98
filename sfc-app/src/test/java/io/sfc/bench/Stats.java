package io.sfc.bench;

import java.util.List;

/** Median, p90, p99 and max of a sample (nearest rank: with 20 runs p99 is the maximum). */
record Stats(int n, long median, long p90, long p99, long max) {

  static Stats of(List<Long> values) {
    List<Long> s = values.stream().filter(v -> v >= 0).sorted().toList();
    if (s.isEmpty()) {
      return new Stats(0, -1, -1, -1, -1);
    }
    return new Stats(s.size(), rank(s, 0.5), rank(s, 0.9), rank(s, 0.99), s.get(s.size() - 1));
  }

  private static long rank(List<Long> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, i));
  }

  /** "median / p90 / p99 / max" in ms, or "–" without values. */
  String cells() {
    return n == 0 ? "– | – | – | –" : median + " | " + p90 + " | " + p99 + " | " + max;
  }
}
