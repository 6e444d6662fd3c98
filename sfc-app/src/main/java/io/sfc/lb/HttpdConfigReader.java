package io.sfc.lb;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads an httpd configuration into one flat list of logical lines, following {@code Include} and
 * {@code IncludeOptional} (relative to ServerRoot, wildcards in any path component, directories
 * read recursively in sorted order) and joining backslash continuations; comments are dropped.
 */
final class HttpdConfigReader {
  private static final int MAX_NESTING = 32;

  private Path serverRoot;
  private final List<List<String>> lines = new ArrayList<>();

  HttpdConfigReader(Path serverRoot) {
    this.serverRoot = serverRoot;
  }

  /** The directives and section tags of the file and everything it includes, tokenized. */
  List<List<String>> read(Path file) throws HttpdConfigException {
    readFile(file, 0);
    return lines;
  }

  private void readFile(Path file, int nesting) throws HttpdConfigException {
    if (nesting > MAX_NESTING) {
      throw new HttpdConfigException("Include nested deeper than " + MAX_NESTING + " at " + file);
    }
    List<String> raw;
    try {
      raw = Files.readAllLines(file);
    } catch (IOException e) {
      throw new HttpdConfigException("cannot read " + file + ": " + e.getMessage());
    }
    StringBuilder pending = new StringBuilder();
    for (String line : raw) {
      String t = line.strip();
      if (t.endsWith("\\")) {
        pending.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      pending.append(t);
      String logical = pending.toString().strip();
      pending.setLength(0);
      if (!logical.isEmpty() && !logical.startsWith("#")) {
        handle(HttpdTokens.split(logical), nesting);
      }
    }
  }

  private void handle(List<String> tokens, int nesting) throws HttpdConfigException {
    String d = tokens.get(0);
    if (d.equalsIgnoreCase("ServerRoot") && tokens.size() > 1) {
      serverRoot = Path.of(tokens.get(1));
    } else if (d.equalsIgnoreCase("Include") || d.equalsIgnoreCase("IncludeOptional")) {
      if (tokens.size() < 2) {
        throw new HttpdConfigException(d + " without a path");
      }
      include(tokens.get(1), d.equalsIgnoreCase("IncludeOptional"), nesting);
      return;
    }
    lines.add(tokens);
  }

  private void include(String pattern, boolean optional, int nesting) throws HttpdConfigException {
    Path p = Path.of(pattern);
    if (!p.isAbsolute()) {
      p = serverRoot.resolve(pattern);
    }
    List<Path> files = expand(p);
    if (files.isEmpty() && !optional) {
      throw new HttpdConfigException("Include " + p + " matches no file");
    }
    for (Path f : files) {
      readFile(f, nesting + 1);
    }
  }

  /** Files a pattern names: glob per component; directories expand to their files. */
  static List<Path> expand(Path pattern) {
    List<Path> current = List.of(pattern.getRoot() == null ? Path.of("") : pattern.getRoot());
    for (Path part : pattern.normalize()) {
      List<Path> next = new ArrayList<>();
      for (Path base : current) {
        next.addAll(children(base, part.toString()));
      }
      current = next;
    }
    List<Path> files = new ArrayList<>();
    for (Path c : current) {
      files.addAll(filesUnder(c));
    }
    return files;
  }

  private static List<Path> children(Path base, String part) {
    if (!part.matches(".*[*?\\[].*")) {
      Path c = base.resolve(part);
      return Files.exists(c) ? List.of(c) : List.of();
    }
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + part);
    try (Stream<Path> s = Files.list(base)) {
      return s.filter(c -> m.matches(c.getFileName())).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<Path> filesUnder(Path p) {
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
