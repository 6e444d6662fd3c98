package io.sfc.reader;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with its key path and line, so that every message can say where a problem is.
 * Scalars keep the text exactly as written (after {@code ${VAR}} substitution): typing is the
 * loader's job, not YAML's, so {@code 10} and {@code "10"} read the same.
 */
public final class Node {

  /** The shape of a value. */
  public enum Kind {
    MAP("a map"),
    LIST("a list"),
    SCALAR("a single value"),
    NULL("an empty value"),
    /** A value whose problem was already reported (e.g. an undefined variable); read as absent. */
    INVALID("an invalid value");

    public final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  private final Kind kind;
  private final String path;
  private final int line;
  private final String text;
  private final Map<String, Node> map;
  private final List<Node> list;

  private Node(
      Kind kind, String path, int line, String text, Map<String, Node> map, List<Node> list) {
    this.kind = kind;
    this.path = path;
    this.line = line;
    this.text = text;
    this.map = map;
    this.list = list;
  }

  public static Node scalar(String path, int line, String text) {
    return new Node(Kind.SCALAR, path, line, text, Map.of(), List.of());
  }

  public static Node empty(String path, int line) {
    return new Node(Kind.NULL, path, line, null, Map.of(), List.of());
  }

  public static Node invalid(String path, int line) {
    return new Node(Kind.INVALID, path, line, null, Map.of(), List.of());
  }

  public static Node map(String path, int line, Map<String, Node> entries) {
    return new Node(Kind.MAP, path, line, null, Collections.unmodifiableMap(entries), List.of());
  }

  public static Node list(String path, int line, List<Node> items) {
    return new Node(Kind.LIST, path, line, null, Map.of(), List.copyOf(items));
  }

  public Kind kind() {
    return kind;
  }

  /** Key path such as {@code services[0].restart.window}; empty for the document root. */
  public String path() {
    return path;
  }

  /** 1-based line of the key (for map entries) or of the value; 0 when unknown. */
  public int line() {
    return line;
  }

  /** Scalar text; null unless {@link Kind#SCALAR}. */
  public String text() {
    return text;
  }

  public Map<String, Node> entries() {
    return map;
  }

  public List<Node> items() {
    return list;
  }

  /** The path of a child key of this node. */
  public String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
