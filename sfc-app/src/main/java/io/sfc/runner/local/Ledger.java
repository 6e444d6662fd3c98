package io.sfc.runner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the ledger written by {@value Scripts#STANDIN} instances and checks that no two of them ran
 * at once.
 *
 * <p>Each line is {@code <kind> <node> <pid> <epoch> <epoch_millis>}, kind being {@code start},
 * {@code alive} or {@code stop}. An instance is identified by node and pid; its interval runs from
 * its {@code start} line to the last line seen for it. An instance killed without a {@code stop}
 * line really ran up to one alive interval longer than that: pass that as slack to {@link
 * #overlaps(long)} for a stricter check. Lines that do not parse are counted and skipped.
 */
public final class Ledger {

  /** One instance's run as seen in the ledger, times in epoch milliseconds. */
  public record Interval(
      String node, long pid, long epoch, long startMillis, long endMillis, boolean stopped) {

    /** Whether this interval and {@code other}, each extended by {@code slack} ms, overlap. */
    public boolean overlaps(Interval other, long slack) {
      return startMillis < other.endMillis + slack && other.startMillis < endMillis + slack;
    }

    @Override
    public String toString() {
      String end = stopped ? "stop" : "last";
      return node
          + "/"
          + pid
          + "@"
          + epoch
          + " ["
          + startMillis
          + ", "
          + end
          + " "
          + endMillis
          + "]";
    }
  }

  /** Two instances that ran at the same time. */
  public record Overlap(Interval first, Interval second) {}

  private final List<Interval> intervals;
  private final int malformed;

  private Ledger(List<Interval> intervals, int malformed) {
    this.intervals = List.copyOf(intervals);
    this.malformed = malformed;
  }

  /** Reads a ledger file. */
  public static Ledger read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** Parses ledger lines, in the order they were written. */
  public static Ledger parse(List<String> lines) {
    Builder b = new Builder();
    lines.forEach(b::add);
    return b.build();
  }

  /** All instances, ordered by start time. */
  public List<Interval> intervals() {
    return intervals;
  }

  /** Number of lines that did not parse. */
  public int malformedLines() {
    return malformed;
  }

  /** Every pair of instances whose intervals overlap. */
  public List<Overlap> overlaps() {
    return overlaps(0);
  }

  /** Every pair of instances whose intervals, each extended by {@code slackMillis}, overlap. */
  public List<Overlap> overlaps(long slackMillis) {
    List<Overlap> found = new ArrayList<>();
    for (int i = 0; i < intervals.size(); i++) {
      for (int j = i + 1; j < intervals.size(); j++) {
        if (intervals.get(i).overlaps(intervals.get(j), slackMillis)) {
          found.add(new Overlap(intervals.get(i), intervals.get(j)));
        }
      }
    }
    return found;
  }

  /** One line: instance count, overlaps, malformed lines and the first overlap if any. */
  public String summary() {
    List<Overlap> o = overlaps();
    String s = intervals.size() + " instances, " + o.size() + " overlaps";
    if (malformed > 0) {
      s += ", " + malformed + " malformed lines";
    }
    return o.isEmpty() ? s : s + "; first: " + o.get(0).first() + " and " + o.get(0).second();
  }

  /** Accumulates lines into intervals; a new start for a node/pid begins a new instance. */
  private static final class Builder {
    private final Map<String, Interval> open = new LinkedHashMap<>();
    private final List<Interval> done = new ArrayList<>();
    private int malformed;

    void add(String line) {
      String[] f = line.trim().split(" ");
      if (line.isBlank() || f.length != 5 || !isNumeric(f[2], f[3], f[4])) {
        malformed++;
        return;
      }
      apply(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
    }

    private void apply(String kind, String node, long pid, long epoch, long millis) {
      String key = node + " " + pid;
      Interval cur = open.get(key);
      switch (kind) {
        case "start" -> startNew(key, new Interval(node, pid, epoch, millis, millis, false));
        case "alive", "stop" -> extend(key, cur, node, pid, epoch, millis, kind.equals("stop"));
        default -> malformed++;
      }
    }

    private void startNew(String key, Interval fresh) {
      Interval previous = open.put(key, fresh);
      if (previous != null) {
        done.add(previous);
      }
    }

    /** A line without a preceding start (e.g. the start was truncated) opens at that line. */
    private void extend(
        String key, Interval cur, String node, long pid, long epoch, long ms, boolean stop) {
      long start = cur == null ? ms : cur.startMillis();
      long end = cur == null ? ms : Math.max(cur.endMillis(), ms);
      open.put(key, new Interval(node, pid, epoch, start, end, stop));
      if (stop) {
        done.add(open.remove(key));
      }
    }

    private static boolean isNumeric(String... fields) {
      for (String f : fields) {
        if (!f.matches("-?[0-9]{1,19}")) {
          return false;
        }
      }
      return true;
    }

    Ledger build() {
      List<Interval> all = new ArrayList<>(done);
      all.addAll(open.values());
      all.sort(Comparator.comparingLong(Interval::startMillis));
      return new Ledger(all, malformed);
    }
  }
}
