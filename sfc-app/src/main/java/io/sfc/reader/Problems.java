package io.sfc.reader;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems found in one file, each as one actionable line. */
public final class Problems {

  private final String file;
  private final List<String> lines = new ArrayList<>();

  public Problems(String file) {
    this.file = file;
  }

  /** The file name as it appears in messages. */
  public String file() {
    return file;
  }

  /** Records a problem at a node: its key path and line are added to the message. */
  public void at(Node node, String message) {
    add(node.path(), node.line(), message);
  }

  /** Records a problem at a key path; {@code line} is 1-based, or 0 when unknown. */
  public void add(String path, int line, String message) {
    StringBuilder sb = new StringBuilder(file).append(": ");
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    sb.append(message);
    if (line > 0) {
      sb.append(" (line ").append(line).append(')');
    }
    String problem = sb.toString();
    if (!lines.contains(problem)) {
      // a top-level default merged into several entries is reported once
      lines.add(problem);
    }
  }

  /** The number of problems recorded so far. */
  public int count() {
    return lines.size();
  }

  /** The problems so far, to tell later whether the part of the file read since is clean. */
  public Mark mark() {
    return new Mark(this, lines.size());
  }

  /** A point in the list of problems. */
  public record Mark(Problems problems, int count) {
    /** True when no problem was recorded since the mark. */
    public boolean clean() {
      return problems.count() == count;
    }
  }

  /** The problems so far, one line each, in the order they were found. */
  public List<String> lines() {
    return List.copyOf(lines);
  }
}
