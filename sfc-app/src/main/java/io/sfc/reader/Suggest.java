package io.sfc.reader;

import java.util.Collection;
import java.util.Locale;

/** Finds the known key a misspelt key most likely meant. */
public final class Suggest {

  private Suggest() {}

  /** The closest known key, or null when none is close enough to be a likely typo. */
  public static String closest(String key, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(normalize(key), normalize(candidate));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = key.length() <= 5 ? 1 : Math.max(2, key.length() / 4);
    return bestDistance <= allowed ? best : null;
  }

  /** Lower case without separators, so that {@code leaseTtl} and {@code lease-ttl} match. */
  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[_\\-. ]", "");
  }

  /** Levenshtein edit distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }
}
