package io.sfc.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sfc.reader.EnvSubstitution;
import io.sfc.reader.Node;
import io.sfc.reader.Problems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link Node} tree with key paths and line numbers, expanding {@code
 * ${VAR}} in every scalar and rejecting duplicate keys (which YAML parsers otherwise silently
 * resolve to the last one).
 */
final class YamlTree {

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final EnvSubstitution env;
  private final Problems problems;
  private JsonParser parser;

  private YamlTree(EnvSubstitution env, Problems problems) {
    this.env = env;
    this.problems = problems;
  }

  /**
   * Parses one YAML document.
   *
   * @return the root node, or null when the file holds no document at all
   * @throws ConfigException on a syntax error, with its line and column
   */
  static Node parse(String text, EnvSubstitution env, Problems problems) throws ConfigException {
    YamlTree tree = new YamlTree(env, problems);
    try (JsonParser p = FACTORY.createParser(text)) {
      tree.parser = p;
      return tree.document();
    } catch (StreamReadException e) {
      throw syntaxError(e, text, problems);
    } catch (IOException e) {
      throw ConfigException.fatal(problems, 0, "cannot parse the file (" + e.getMessage() + ")");
    }
  }

  private Node document() throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return null;
    }
    Node root = value(first, "");
    if (parser.nextToken() != null) {
      problems.add(
          "",
          line(),
          "the file holds more than one YAML document (a second '---'); keep one configuration"
              + " per file");
    }
    return root;
  }

  private Node value(JsonToken token, String path) throws IOException {
    int line = line();
    switch (token) {
      case START_OBJECT:
        return map(path, line);
      case START_ARRAY:
        return list(path, line);
      case VALUE_NULL:
        return Node.empty(path, line);
      default:
        return scalar(path, line, parser.getText());
    }
  }

  private Node map(String path, int line) throws IOException {
    Map<String, Node> entries = new LinkedHashMap<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String key = parser.currentName();
      String childPath = path.isEmpty() ? key : path + "." + key;
      int keyLine = line();
      Node child = value(parser.nextToken(), childPath);
      if (entries.containsKey(key)) {
        problems.add(childPath, keyLine, "key appears twice in the same map; keep only one");
      } else {
        entries.put(key, withLine(child, keyLine));
      }
    }
    return Node.map(path, line, entries);
  }

  private Node list(String path, int line) throws IOException {
    List<Node> items = new ArrayList<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      items.add(value(t, path + "[" + items.size() + "]"));
    }
    return Node.list(path, line, items);
  }

  private Node scalar(String path, int line, String raw) {
    if (path.endsWith(".fence_command")) {
      // its ${node}, ${host}, ${service} and ${epoch} are filled in at fence time, not from env
      return Node.scalar(path, line, raw);
    }
    try {
      return Node.scalar(path, line, env.apply(raw));
    } catch (IllegalArgumentException e) {
      problems.add(path, line, e.getMessage());
      return Node.invalid(path, line);
    }
  }

  /** Map entries report the key's line, which is where a reader looks first. */
  private static Node withLine(Node n, int line) {
    switch (n.kind()) {
      case MAP:
        return Node.map(n.path(), line, n.entries());
      case LIST:
        return Node.list(n.path(), line, n.items());
      case SCALAR:
        return Node.scalar(n.path(), line, n.text());
      case NULL:
        return Node.empty(n.path(), line);
      default:
        return Node.invalid(n.path(), line);
    }
  }

  private int line() {
    return Math.max(0, parser.currentTokenLocation().getLineNr());
  }

  private static ConfigException syntaxError(StreamReadException e, String text, Problems p) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : loc.getLineNr();
    int column = loc == null ? 0 : loc.getColumnNr();
    String where = line > 0 ? "line " + line + ", column " + column + ": " : "";
    int tabLine = firstTabIndentedLine(text);
    String hint =
        tabLine > 0
            ? "; YAML does not allow tabs for indentation (line "
                + tabLine
                + " has one), use spaces"
            : "; check the indentation of that line and the one above, and quote values that"
                + " contain ': ' or start with a special character";
    String what = e.getOriginalMessage();
    if (e.getCause() instanceof MarkedYAMLException) {
      MarkedYAMLException m = (MarkedYAMLException) e.getCause();
      what = m.getProblem() == null ? what : m.getProblem();
    }
    what = what.replaceAll("\\s+", " ").trim();
    return ConfigException.fatal(p, 0, where + "YAML syntax error: " + what + hint);
  }

  /** The first 1-based line whose indentation holds a tab, or 0. */
  private static int firstTabIndentedLine(String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String indent = lines[i].substring(0, lines[i].length() - lines[i].stripLeading().length());
      if (indent.indexOf('\t') >= 0) {
        return i + 1;
      }
    }
    return 0;
  }
}
