package io.sfc.lb;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an httpd configuration into a list of logical lines as httpd 2.4 reads it: {@code Include}
 * and {@code IncludeOptional} (relative to ServerRoot, wildcards in any path component, directories
 * read recursively in sorted order), backslash continuations, comments dropped, {@code Define} /
 * {@code UnDefine} and {@code ${VAR}} (defines first, then the environment; an undefined variable
 * stays as written and is warned about, as httpd's AH00111 does), and the conditional sections
 * evaluated in order: {@code <IfModule>} (against compiled-in modules, {@code --module} and the
 * {@code LoadModule} lines read so far), {@code <IfDefine>}, {@code <IfFile>}, {@code
 * <IfDirective>}, {@code <IfSection>}. Conditions that cannot be evaluated ({@code <If>}, {@code
 * <ElseIf>}, {@code <Else>}, {@code <IfVersion>}, {@code <IfModule>} when no LoadModule was read,
 * unknown directives) are taken as true and recorded on every line inside as an assumption.
 */
final class HttpdConfigReader {
  private static final int MAX_NESTING = 32;
  private static final Pattern VAR = Pattern.compile("\\$\\{([^}]*)}");
  private static final Set<String> CONDITIONALS =
      Set.of(
          "ifmodule",
          "ifdefine",
          "iffile",
          "ifdirective",
          "ifsection",
          "if",
          "elseif",
          "else",
          "ifversion");

  /** An open conditional section. */
  private record Frame(String kind, boolean active, String assumption, String where) {}

  private Path serverRoot;
  private final Map<String, String> defines;
  private final Map<String, String> environment;
  private final Set<String> modules;
  private boolean sawLoadModule;
  private final List<ConfLine> lines = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Deque<Frame> frames = new ArrayDeque<>();

  HttpdConfigReader(Path serverRoot) {
    this(serverRoot, HttpdOptions.defaults());
  }

  HttpdConfigReader(Path serverRoot, HttpdOptions options) {
    this.serverRoot = serverRoot;
    this.defines = new HashMap<>(options.defines());
    this.environment = options.environment();
    this.modules = new HashSet<>(options.moduleKeys());
  }

  /** The directives and section tags of the file and everything it includes. */
  List<ConfLine> read(Path file) throws HttpdConfigException {
    readFile(file, 0);
    return lines;
  }

  /** What httpd would warn about while reading (undefined variables...). */
  List<String> warnings() {
    return warnings;
  }

  private void readFile(Path file, int nesting) throws HttpdConfigException {
    if (nesting > MAX_NESTING) {
      throw new HttpdConfigException("Include nested deeper than " + MAX_NESTING + " at " + file);
    }
    List<String> raw;
    try {
      raw = Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      throw new HttpdConfigException("cannot read " + file + ": " + e.getMessage());
    }
    int depth = frames.size();
    StringBuilder pending = new StringBuilder();
    int startLine = 0;
    for (int i = 0; i < raw.size(); i++) {
      String t = raw.get(i).strip();
      if (pending.length() == 0) {
        startLine = i + 1;
      }
      if (t.endsWith("\\")) {
        pending.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      pending.append(t);
      String logical = pending.toString().strip();
      pending.setLength(0);
      if (!logical.isEmpty() && !logical.startsWith("#")) {
        handle(logical, file + ":" + startLine, nesting);
      }
    }
    if (frames.size() > depth) {
      Frame f = frames.peek();
      throw new HttpdConfigException(
          f.where() + ": <" + f.kind() + "> is not closed in its file (httpd refuses to start)");
    }
  }

  private void handle(String logical, String where, int nesting) throws HttpdConfigException {
    String tag = tagName(logical);
    if (skipping()) {
      skip(tag);
      return;
    }
    List<String> tokens = HttpdTokens.split(expand(logical, where));
    if (tokens.isEmpty()) {
      return;
    }
    if (CONDITIONALS.contains(tag)) {
      frames.push(evaluate(tag, tokens, where));
    } else if (tag.startsWith("/") && CONDITIONALS.contains(tag.substring(1))) {
      close(tag.substring(1), where);
    } else {
      directive(tokens, where, nesting);
    }
  }

  /** The lower-case section tag of a line ("ifmodule", "/ifmodule"), or "" for a directive. */
  private static String tagName(String logical) {
    if (!logical.startsWith("<")) {
      return "";
    }
    String inner = logical.substring(1).replace(">", " ").strip();
    int end = 0;
    while (end < inner.length() && !Character.isWhitespace(inner.charAt(end))) {
      end++;
    }
    return inner.substring(0, end).toLowerCase(Locale.ROOT);
  }

  private boolean skipping() {
    return frames.stream().anyMatch(f -> !f.active());
  }

  private void skip(String tag) {
    if (CONDITIONALS.contains(tag)) {
      frames.push(new Frame(tag, false, null, ""));
    } else if (tag.startsWith("/") && CONDITIONALS.contains(tag.substring(1))) {
      frames.pop();
    }
  }

  private void close(String kind, String where) throws HttpdConfigException {
    if (frames.isEmpty()) {
      throw new HttpdConfigException(
          where + ": </" + kind + "> without an open section (httpd refuses to start)");
    }
    Frame f = frames.pop();
    if (!sameFamily(f.kind(), kind)) {
      throw new HttpdConfigException(
          where + ": </" + kind + "> closes <" + f.kind() + "> opened at " + f.where());
    }
  }

  private static boolean sameFamily(String open, String close) {
    boolean ifFamily = Set.of("if", "elseif", "else").contains(open);
    return open.equals(close) || (ifFamily && Set.of("if", "elseif", "else").contains(close));
  }

  private void directive(List<String> tokens, String where, int nesting)
      throws HttpdConfigException {
    String d = tokens.get(0).toLowerCase(Locale.ROOT);
    String arg = tokens.size() > 1 ? tokens.get(1) : null;
    switch (d) {
      case "serverroot" -> serverRoot = arg == null ? serverRoot : Path.of(arg);
      case "define" -> define(tokens, where);
      case "undefine" -> {
        if (arg != null) {
          defines.remove(arg);
        }
      }
      case "loadmodule" -> loadModule(tokens);
      case "include", "includeoptional" -> {
        if (arg == null) {
          throw new HttpdConfigException(where + ": " + tokens.get(0) + " without a path");
        }
        include(arg, d.equals("includeoptional"), nesting, where);
        return;
      }
      default -> {}
    }
    lines.add(new ConfLine(where, tokens, assumptions()));
  }

  private void define(List<String> tokens, String where) throws HttpdConfigException {
    if (tokens.size() < 2 || tokens.size() > 3 || tokens.get(1).contains(":")) {
      throw new HttpdConfigException(
          where + ": Define takes NAME [VALUE] and NAME may not contain ':' (httpd refuses it)");
    }
    defines.put(tokens.get(1), tokens.size() == 3 ? tokens.get(2) : "");
  }

  private void loadModule(List<String> tokens) {
    sawLoadModule = true;
    if (tokens.size() > 1) {
      modules.add(HttpdOptions.moduleKey(tokens.get(1)));
    }
  }

  private List<String> assumptions() {
    List<String> out = new ArrayList<>();
    frames
        .descendingIterator()
        .forEachRemaining(
            f -> {
              if (f.assumption() != null) {
                out.add(f.assumption());
              }
            });
    return out;
  }

  /** Replaces ${VAR} from defines, then the environment; undefined ones stay, with a warning. */
  private String expand(String line, String where) {
    Matcher m = VAR.matcher(line);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = defines.containsKey(name) ? defines.get(name) : environment.get(name);
      if (value == null) {
        warnings.add(
            where
                + ": ${"
                + name
                + "} is not defined (httpd warns AH00111 and uses the text as written):"
                + " Define it, pass --define "
                + name
                + "=VALUE, or --envvars FILE");
        value = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private Frame evaluate(String kind, List<String> tokens, String where) {
    String arg = String.join(" ", tokens.subList(1, tokens.size()));
    arg = arg.endsWith(">") ? arg.substring(0, arg.length() - 1).strip() : arg;
    String label = "<" + tokens.get(0).substring(1) + (arg.isEmpty() ? "" : " " + arg) + ">";
    boolean not = arg.startsWith("!");
    String name = not ? arg.substring(1).strip() : arg;
    Boolean result = HttpdConditions.evaluate(kind, name, this::known, this::defined, serverRoot);
    if (result == null) {
      String why = HttpdConditions.whyUnknown(kind, sawLoadModule);
      return new Frame(kind, true, label + " at " + where + " " + why, where);
    }
    return new Frame(kind, result != not, null, where);
  }

  /** Whether a module is loaded: true, false, or null when no LoadModule line was read. */
  private Boolean known(String module) {
    String key = HttpdOptions.moduleKey(module);
    return modules.contains(key) ? Boolean.TRUE : sawLoadModule ? Boolean.FALSE : null;
  }

  /** Whether {@code name} is defined (for IfDefine). */
  boolean defined(String name) {
    return defines.containsKey(name);
  }

  private void include(String pattern, boolean optional, int nesting, String where)
      throws HttpdConfigException {
    Path p;
    try {
      p = Path.of(pattern);
      p = p.isAbsolute() ? p : serverRoot.resolve(pattern);
    } catch (RuntimeException e) {
      throw new HttpdConfigException(where + ": bad Include path " + pattern);
    }
    List<Path> files = expand(p);
    if (files.isEmpty() && !optional) {
      throw new HttpdConfigException(
          where + ": Include " + p + " matches no file (httpd refuses to start)");
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
    try (Stream<Path> s = Files.list(base)) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + part);
      return s.filter(c -> m.matches(c.getFileName())).sorted().toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static List<Path> filesUnder(Path p) {
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
