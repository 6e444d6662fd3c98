package io.sfc.bench;

import io.sfc.runner.local.Ledger;

/** How long instances in a ledger ran at once, with a tolerance of 0 ms. */
final class Overlaps {
  private Overlaps() {}

  /**
   * The longest time two instances ran at once, among pairs of which one was still running at or
   * after {@code sinceMillis}; 0 if none did. A pair that overlaps counts at least 1 ms.
   */
  static long longestSince(Ledger ledger, long sinceMillis) {
    long longest = 0;
    for (Ledger.Overlap o : ledger.overlaps()) {
      Ledger.Interval a = o.first();
      Ledger.Interval b = o.second();
      if (Math.max(a.endMillis(), b.endMillis()) < sinceMillis) {
        continue;
      }
      long both =
          Math.min(a.endMillis(), b.endMillis()) - Math.max(a.startMillis(), b.startMillis());
      longest = Math.max(longest, Math.max(1, both));
    }
    return longest;
  }
}
