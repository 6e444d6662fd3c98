package io.sfc.config;

import java.time.Duration;
import java.util.List;

/**
 * A map in the file, with typed getters that report every problem (key path, value, fix) to {@link
 * Problems} and return null or the default instead of throwing, so that one load reports as many
 * problems as it can find.
 */
final class Section {

  private final Node node;
  private final Problems problems;
  private final boolean broken;

  private Section(Node node, Problems problems, boolean broken) {
    this.node = node;
    this.problems = problems;
    this.broken = broken;
  }

  /**
   * Wraps {@code node}, which should be a map whose keys are all in {@code known}. A wrong shape or
   * an unknown key is reported here; a section that is not a map reads as absent.
   */
  static Section of(Node node, Problems problems, List<String> known) {
    if (node.kind() == Node.Kind.INVALID) {
      return new Section(node, problems, true);
    }
    if (node.kind() != Node.Kind.MAP) {
      problems.at(
          node,
          "expected a map with the keys "
              + String.join(", ", known)
              + ", but found "
              + describe(node)
              + "; write each key on its own line, indented under "
              + lastKey(node.path()));
      return new Section(node, problems, true);
    }
    Section s = new Section(node, problems, false);
    s.rejectUnknown(SecretKeys.withFileForms(known));
    return s;
  }

  Node node() {
    return node;
  }

  Problems problems() {
    return problems;
  }

  /** The child value, or null when absent, empty ({@code key:} with nothing) or already invalid. */
  Node get(String key) {
    Node n = node.entries().get(key);
    return n == null || n.kind() == Node.Kind.NULL || n.kind() == Node.Kind.INVALID ? null : n;
  }

  /** The line of a key if written, else of this section (none for the top level). */
  int lineOf(String key) {
    Node n = node.entries().get(key);
    if (n != null) {
      return n.line();
    }
    return node.path().isEmpty() ? 0 : node.line();
  }

  String path(String key) {
    return node.child(key);
  }

  /** Reports a problem at a child key, present or not. */
  void report(String key, String message) {
    problems.add(path(key), lineOf(key), message);
  }

  /** A required value: when absent or empty, reports {@code missing; <fix>}. */
  Node require(String key, String fix) {
    Node n = get(key);
    Node raw = node.entries().get(key);
    if (n == null && !broken && (raw == null || raw.kind() == Node.Kind.NULL)) {
      report(key, (raw == null ? "missing" : "has no value") + "; " + fix);
    }
    return n;
  }

  /** An optional single value as text, or null. */
  String string(String key) {
    return text(get(key));
  }

  /** A required single value as text, or null after reporting. */
  String requiredString(String key, String fix) {
    return text(require(key, fix));
  }

  /** An optional positive duration, or {@code fallback} when absent or invalid. */
  Duration duration(String key, Duration fallback) {
    String t = string(key);
    if (t == null) {
      return fallback;
    }
    try {
      Duration d = Durations.parse(t);
      if (d.isNegative() || d.isZero()) {
        report(key, "'" + t + "' must be a positive duration; " + Durations.FORMS);
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      report(key, e.getMessage());
      return null;
    }
  }

  /** An optional integer of at least {@code min}, or {@code fallback} when absent. */
  Integer integer(String key, int fallback, int min, String fix) {
    String t = string(key);
    if (t == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(t.trim());
      if (v >= min) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    report(key, "'" + t + "' must be a whole number of at least " + min + "; " + fix);
    return null;
  }

  /** A child map as a section, or null when absent. */
  Section section(String key, List<String> known) {
    Node n = get(key);
    return n == null ? null : of(n, problems, known);
  }

  /** A child list, or null after reporting a wrong shape; absent lists are null too. */
  Node list(String key, String example) {
    Node n = get(key);
    if (n == null || n.kind() == Node.Kind.LIST) {
      return n;
    }
    problems.at(n, "expected a list but found " + describe(n) + "; write it as " + example);
    return null;
  }

  /** Scalar text of a node, reporting a map or list where a single value belongs. */
  String text(Node n) {
    if (n == null) {
      return null;
    }
    if (n.kind() == Node.Kind.NULL) {
      problems.at(
          n,
          "has no value (YAML reads null, ~ and nothing at all as no value); give a value, quoted"
              + " ('null') if you mean that text");
      return null;
    }
    if (n.kind() != Node.Kind.SCALAR) {
      problems.at(
          n,
          "expected a single value but found "
              + describe(n)
              + "; write one value after the colon, quoted if it contains ': ' or starts with"
              + " '{' or '['");
      return null;
    }
    return n.text();
  }

  private void rejectUnknown(List<String> known) {
    for (String key : node.entries().keySet()) {
      if (!known.contains(key)) {
        report(key, unknownKeyMessage(key, known));
      }
    }
  }

  private String unknownKeyMessage(String key, List<String> known) {
    String close = Suggest.closest(key, known);
    String where = node.path().isEmpty() ? "at the top level" : "in " + node.path();
    return "unknown key; "
        + (close == null ? "" : "did you mean " + close + "? ")
        + "the keys allowed "
        + where
        + " are: "
        + String.join(", ", known);
  }

  /** How a value looks, for messages; never shows a password. */
  static String describe(Node n) {
    if (n.kind() != Node.Kind.SCALAR) {
      return n.kind().description;
    }
    if (n.path().endsWith("password")) {
      return "a single value";
    }
    return "the value '" + n.text() + "'";
  }

  private static String lastKey(String path) {
    if (path.isEmpty()) {
      return "the top level";
    }
    return path.substring(path.lastIndexOf('.') + 1) + ":";
  }
}
