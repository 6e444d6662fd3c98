package io.sfc.reader;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A map in the file, with typed getters that report every problem (key path, value, fix) to {@link
 * Problems} and return the default (or null for a value without one) instead of throwing, so that
 * one load reports as many problems as it can find. A binder tells whether a part read cleanly with
 * a {@link Problems#mark()}, never from a null.
 */
public final class Section {

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
  public static Section of(Node node, Problems problems, List<String> known) {
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

  public Node node() {
    return node;
  }

  public Problems problems() {
    return problems;
  }

  /** The child value, or null when absent, empty ({@code key:} with nothing) or already invalid. */
  public Node get(String key) {
    Node n = node.entries().get(key);
    return n == null || n.kind() == Node.Kind.NULL || n.kind() == Node.Kind.INVALID ? null : n;
  }

  /** The line of a key if written, else of this section (none for the top level). */
  public int lineOf(String key) {
    Node n = node.entries().get(key);
    if (n != null) {
      return n.line();
    }
    return node.path().isEmpty() ? 0 : node.line();
  }

  public String path(String key) {
    return node.child(key);
  }

  /** Reports a problem at a child key, present or not. */
  public void report(String key, String message) {
    problems.add(path(key), lineOf(key), message);
  }

  /** A required value: when absent or empty, reports {@code missing; <fix>}. */
  public Node require(String key, String fix) {
    Node n = get(key);
    Node raw = node.entries().get(key);
    if (n == null && !broken && (raw == null || raw.kind() == Node.Kind.NULL)) {
      report(key, (raw == null ? "missing" : "has no value") + "; " + fix);
    }
    return n;
  }

  /** An optional single value as text, or null. */
  public String string(String key) {
    return text(get(key));
  }

  /** A required single value as text, or null after reporting. */
  public String requiredString(String key, String fix) {
    return text(require(key, fix));
  }

  /** An optional positive duration; {@code fallback} when absent, or after reporting it bad. */
  public Duration duration(String key, Duration fallback) {
    String t = string(key);
    if (t == null) {
      return fallback;
    }
    try {
      Duration d = Durations.parse(t);
      if (d.isNegative() || d.isZero()) {
        report(key, "'" + t + "' must be a positive duration; " + Durations.FORMS);
        return fallback;
      }
      return d;
    } catch (IllegalArgumentException e) {
      report(key, e.getMessage());
      return fallback;
    }
  }

  /** An optional integer of at least {@code min}; {@code fallback} when absent or bad. */
  public int integer(String key, int fallback, int min, String fix) {
    String t = string(key);
    Integer v = t == null ? Integer.valueOf(fallback) : parseInt(t, min, Integer.MAX_VALUE);
    if (v == null) {
      report(key, "'" + t + "' must be a whole number of at least " + min + "; " + fix);
      return fallback;
    }
    return v;
  }

  /** A required TCP port 1..65535; 0 after reporting it missing or bad. */
  public int port(String key) {
    return require(key, "give the TCP port, e.g. " + key + ": 8974") == null ? 0 : port(key, 0);
  }

  /** An optional TCP port 1..65535; {@code fallback} when absent or bad. */
  public int port(String key, int fallback) {
    String t = string(key);
    Integer v = t == null ? Integer.valueOf(fallback) : parseInt(t, 1, 65535);
    if (v == null) {
      report(key, "'" + t + "' is not a TCP port; use a whole number from 1 to 65535");
      return fallback;
    }
    return v;
  }

  /** An optional {@code true} or {@code false}; {@code fallback} when absent or bad. */
  public boolean bool(String key, boolean fallback) {
    String t = string(key);
    String v = t == null ? "" : t.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    if (t != null) {
      report(
          key, "'" + t + "' is not true or false; write " + key + ": true or " + key + ": false");
    }
    return fallback;
  }

  /**
   * An optional enum constant written in lower case with dashes (e.g. {@code best-effort}); {@code
   * fallback} when absent or bad.
   */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback, String allowed) {
    String raw = string(key);
    if (raw == null) {
      return fallback;
    }
    String v = raw.trim().toLowerCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(v)) {
        return e;
      }
    }
    report(key, "'" + raw + "' is not a valid " + key + "; use " + allowed);
    return fallback;
  }

  /** A required non-empty command list (run without a shell); empty after reporting. */
  public List<String> commandList(String key) {
    Node n =
        require(key, "give the program and its arguments as a list, e.g. " + key + ": [check.sh]");
    if (n == null) {
      return List.of();
    }
    if (n.kind() != Node.Kind.LIST || n.items().isEmpty()) {
      report(
          key,
          "must be a non-empty list (it is run without a shell); e.g. "
              + key
              + ": [sh, -c, 'my-check --quiet']");
      return List.of();
    }
    return texts(n);
  }

  /**
   * A required http:// or https:// URL with a host; null after reporting.
   *
   * @param example appended to the message for a bad URL, or null
   */
  public URI httpUrl(String key, String fix, String example) {
    String url = requiredString(key, fix);
    URI uri = url == null ? null : httpUri(url);
    if (url != null && uri == null) {
      report(
          key,
          "'"
              + url
              + "' is not an http:// or https:// URL with a host"
              + (example == null ? "" : "; e.g. " + example));
    }
    return uri;
  }

  /** The scalar texts of a list's items; empty after reporting one that is not a single value. */
  public List<String> texts(Node list) {
    List<String> out = new ArrayList<>();
    for (Node item : list.items()) {
      out.add(text(item));
    }
    return out.contains(null) ? List.of() : out;
  }

  private static URI httpUri(String url) {
    try {
      URI uri = new URI(url);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      return http && uri.getHost() != null ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static Integer parseInt(String t, int min, int max) {
    try {
      int v = Integer.parseInt(t.trim());
      return v >= min && v <= max ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A child map as a section, or null when absent. */
  public Section section(String key, List<String> known) {
    Node n = get(key);
    return n == null ? null : of(n, problems, known);
  }

  /** A child list, or null after reporting a wrong shape; absent lists are null too. */
  public Node list(String key, String example) {
    Node n = get(key);
    if (n == null || n.kind() == Node.Kind.LIST) {
      return n;
    }
    problems.at(n, "expected a list but found " + describe(n) + "; write it as " + example);
    return null;
  }

  /** Scalar text of a node, reporting a map or list where a single value belongs. */
  public String text(Node n) {
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
  public static String describe(Node n) {
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
