package io.sfc.lb;

import io.sfc.lb.ProxyTlsSettings.Flag;
import io.sfc.lb.ProxyTlsSettings.VerifyMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds every proxied backend in an httpd 2.4 configuration and the proxy directives in effect for
 * it, per scope as httpd merges them: the main server, {@code <VirtualHost>} (inheriting the main
 * server's directives, balancers, ProxyPass rules, {@code <Location>} and {@code <Proxy>}
 * sections), {@code <Proxy>}/{@code <ProxyMatch>} sections matching the balancer or URL a request
 * is passed to (SSLProxy* and ProxyPreserveHost), and {@code <Location>}/{@code <LocationMatch>}
 * sections matching the request path (ProxyPreserveHost, ProxyPass). A Location below a ProxyPass
 * path that changes a setting yields its own entry for that path. SSLProxy* directives in a context
 * httpd does not allow them in ({@code <Location>}, {@code <Directory>}, {@code <Files>}) are
 * reported as httpd reports them: it refuses to start. Conditionals and variables are resolved by
 * {@link HttpdConfigReader}.
 */
public final class HttpdConfigParser {
  private static final Set<String> TLS_DIRECTIVES =
      Set.of(
          "sslproxyengine",
          "sslproxyverify",
          "sslproxyverifydepth",
          "sslproxycacertificatefile",
          "sslproxycacertificatepath",
          "sslproxycheckpeercn",
          "sslproxycheckpeername",
          "sslproxycheckpeerexpire",
          "sslproxymachinecertificatefile",
          "sslproxymachinecertificatepath",
          "sslproxymachinecertificatechainfile",
          "sslproxyprotocol");
  private static final Set<String> FLAGS =
      Set.of(
          "sslproxyengine",
          "sslproxycheckpeercn",
          "sslproxycheckpeername",
          "sslproxycheckpeerexpire",
          "proxypreservehost");
  private static final Set<String> DIR_SECTIONS =
      Set.of("location", "locationmatch", "directory", "directorymatch", "files", "filesmatch");

  /** A directive's value and where it was written. */
  private record Setting(String name, String value, String where, String scope, List<String> ifs) {
    String describe() {
      return name + " " + value + " from " + scope + " at " + where;
    }
  }

  /** A section: {@code <Location>}, {@code <Proxy>}, ... */
  private static final class Section {
    final String kind;
    final String arg;
    final String where;
    final Map<String, Setting> dirs = new LinkedHashMap<>();

    Section(String kind, String arg, String where) {
      this.kind = kind;
      this.arg = arg;
      this.where = where;
    }

    String label() {
      return "<" + kind + " " + arg + ">";
    }
  }

  /** A ProxyPass rule. */
  private record Pass(
      String path, String target, String where, List<String> ifs, Map<String, String> params) {}

  /** A balancer member line. */
  private record Member(URI url, String where, List<String> ifs, Map<String, String> params) {}

  /** One server: the main server or a virtual host. */
  private static final class Server {
    final String label;
    String serverName;
    final Map<String, Setting> dirs = new LinkedHashMap<>();
    final Map<String, Balancer> balancers = new LinkedHashMap<>();
    final List<Pass> passes = new ArrayList<>();
    final List<Section> locations = new ArrayList<>();
    final List<Section> proxies = new ArrayList<>();

    Server(String label) {
      this.label = label;
    }
  }

  /** A balancer and its members. */
  private static final class Balancer {
    final String name;
    final List<Member> members = new ArrayList<>();

    Balancer(String name) {
      this.name = name;
    }
  }

  /** Members and the warnings httpd would print while reading the configuration. */
  public record Result(List<LbMember> members, List<String> warnings) {}

  private final Server main = new Server("main server");
  private final List<Server> vhosts = new ArrayList<>();
  private Server server = main;
  private final Deque<Section> sections = new ArrayDeque<>();
  private final List<String> warnings = new ArrayList<>();

  private HttpdConfigParser() {}

  /** {@link #read} with no defines, no extra modules and this process's environment. */
  public static List<LbMember> parse(Path file, Path serverRoot) throws HttpdConfigException {
    return read(file, serverRoot, HttpdOptions.defaults()).members();
  }

  /**
   * Reads a configuration as httpd would with the given start-up options.
   *
   * @param file the main configuration file
   * @param serverRoot ServerRoot for relative includes until a ServerRoot directive says otherwise
   * @throws HttpdConfigException naming file:line for anything httpd would refuse or sfc cannot
   *     read
   */
  public static Result read(Path file, Path serverRoot, HttpdOptions options)
      throws HttpdConfigException {
    HttpdConfigReader reader = new HttpdConfigReader(serverRoot, options);
    HttpdConfigParser p = new HttpdConfigParser();
    for (ConfLine line : reader.read(file)) {
      p.line(line);
    }
    if (!p.sections.isEmpty()) {
      Section s = p.sections.peek();
      throw new HttpdConfigException(
          s.where + ": section <" + s.kind + "> is not closed (httpd refuses to start)");
    }
    List<String> warnings = new ArrayList<>(reader.warnings());
    warnings.addAll(p.warnings);
    return new Result(p.members(), List.copyOf(warnings));
  }

  private void line(ConfLine l) throws HttpdConfigException {
    String first = l.first();
    if (first.startsWith("</")) {
      close(l);
    } else if (first.startsWith("<")) {
      open(l);
    } else {
      directive(first.toLowerCase(Locale.ROOT), l);
    }
  }

  private void open(ConfLine l) throws HttpdConfigException {
    String joined = String.join(" ", l.tokens());
    String inner =
        joined.substring(1, joined.endsWith(">") ? joined.length() - 1 : joined.length()).strip();
    String[] kindArg = inner.split("\\s+", 2);
    String kind = kindArg[0].toLowerCase(Locale.ROOT);
    String arg = kindArg.length > 1 ? kindArg[1].strip() : "";
    Section s = new Section(kindArg[0], arg, l.where());
    if (kind.equals("virtualhost")) {
      if (server != main || !sections.isEmpty()) {
        throw new HttpdConfigException(
            l.where()
                + ": <VirtualHost> cannot occur within another section (httpd refuses to"
                + " start)");
      }
      server = new Server("<VirtualHost " + arg + ">");
      vhosts.add(server);
    } else if (kind.equals("location") || kind.equals("locationmatch")) {
      compileIfRegex(kind, arg, l.where());
      server.locations.add(s);
    } else if (kind.equals("proxy") || kind.equals("proxymatch")) {
      compileIfRegex(kind, arg, l.where());
      server.proxies.add(s);
    }
    sections.push(s);
  }

  private static void compileIfRegex(String kind, String arg, String where)
      throws HttpdConfigException {
    if (kind.endsWith("match")) {
      try {
        Pattern.compile(unquote(arg));
      } catch (PatternSyntaxException e) {
        throw new HttpdConfigException(
            where + ": <" + kind + "> has an invalid regular expression: " + e.getDescription());
      }
    }
  }

  private void close(ConfLine l) throws HttpdConfigException {
    if (sections.isEmpty()) {
      throw new HttpdConfigException(
          l.where() + ": unexpected " + l.first() + " (httpd refuses to start)");
    }
    Section s = sections.pop();
    if (s.kind.equalsIgnoreCase("virtualhost")) {
      server = main;
    }
  }

  /** The innermost section that holds settings (Location, Proxy, Directory, Files...), or null. */
  private Section scope() {
    for (Section s : sections) {
      String k = s.kind.toLowerCase(Locale.ROOT);
      if (DIR_SECTIONS.contains(k) || k.equals("proxy") || k.equals("proxymatch")) {
        return s;
      }
    }
    return null;
  }

  private static String kindOf(Section s) {
    return s == null ? "" : s.kind.toLowerCase(Locale.ROOT);
  }

  private void directive(String name, ConfLine l) throws HttpdConfigException {
    List<String> args = l.tokens().subList(1, l.tokens().size());
    if (args.isEmpty()) {
      return;
    }
    switch (name) {
      case "servername" -> {
        if (server != main && scope() == null) {
          server.serverName = args.get(0);
        }
      }
      case "balancermember" -> balancerMember(args, l);
      case "proxypass" -> proxyPass(args, l);
      case "proxypreservehost" -> setting(name, l, true);
      default -> {
        if (TLS_DIRECTIVES.contains(name)) {
          setting(name, l, false);
        }
      }
    }
  }

  private void setting(String name, ConfLine l, boolean dirContext) throws HttpdConfigException {
    List<String> args = l.tokens().subList(1, l.tokens().size());
    boolean list = name.equals("sslproxyprotocol");
    if (!list && (args.size() != 1 || args.get(0).isEmpty())) {
      throw new HttpdConfigException(
          l.where()
              + ": "
              + l.first()
              + " takes one argument (httpd refuses to start), not "
              + String.join(" ", args));
    }
    String value = list ? String.join(" ", args) : args.get(0);
    validate(name, l.first(), value, l.where());
    if (name.equals("sslproxyverifydepth")) {
      depthWarning(l.first(), value, l.where()).ifPresent(warnings::add);
    }
    Section s = scope();
    String k = kindOf(s);
    if (DIR_SECTIONS.contains(k) && !dirContext) {
      throw new HttpdConfigException(
          l.where()
              + ": "
              + l.first()
              + " is not allowed in "
              + s.label()
              + " (httpd refuses to start: \"not allowed here\"); put it in the VirtualHost or in"
              + " the <Proxy balancer://...> section of the balancer it is for");
    }
    if (k.startsWith("directory") || k.startsWith("files")) {
      return;
    }
    String scopeLabel = s != null ? s.label() : serverLabel(server);
    Map<String, Setting> target = s != null ? s.dirs : server.dirs;
    target.put(name, new Setting(l.first(), value, l.where(), scopeLabel, l.assumptions()));
  }

  private static String serverLabel(Server s) {
    return s.label + (s.serverName == null ? "" : " " + s.serverName);
  }

  /** Rejects what httpd rejects at start-up, with the file:line and the fix. */
  private static void validate(String name, String written, String value, String where)
      throws HttpdConfigException {
    undefined(written, value, where);
    String v = value.toLowerCase(Locale.ROOT);
    if (FLAGS.contains(name) && !v.equals("on") && !v.equals("off")) {
      throw new HttpdConfigException(
          where + ": " + written + " " + value + ": httpd refuses to start (must be On or Off)");
    }
    if (name.equals("sslproxyverify")
        && !Set.of("none", "off", "optional", "require", "on", "optional_no_ca").contains(v)) {
      throw new HttpdConfigException(
          where
              + ": "
              + written
              + " "
              + value
              + ": httpd refuses to start (\"Invalid argument\"); use none, optional, require or"
              + " optional_no_ca");
    }
    if (name.equals("sslproxyprotocol")) {
      try {
        SslProtocols.enabled(value);
      } catch (IllegalArgumentException e) {
        throw new HttpdConfigException(
            where + ": " + written + " " + value + ": httpd refuses to start: " + e.getMessage());
      }
    }
    if (name.equals("sslproxyverifydepth") && atoi(v) < 0) {
      throw new HttpdConfigException(
          where
              + ": "
              + written
              + " "
              + value
              + ": httpd refuses to start (\"Invalid argument\": the depth must not be negative)");
    }
  }

  private static void undefined(String written, String value, String where)
      throws HttpdConfigException {
    int i = value.indexOf("${");
    if (i >= 0) {
      int end = value.indexOf('}', i);
      String var = end < 0 ? value.substring(i) : value.substring(i, end + 1);
      throw new HttpdConfigException(
          where
              + ": "
              + written
              + " uses "
              + var
              + ", which is not defined (httpd warns AH00111 and takes the text literally): Define"
              + " it before this line, pass --define NAME=VALUE, or --envvars FILE (Debian:"
              + " /etc/apache2/envvars)");
    }
  }

  private static URI url(String written, String value, String where) throws HttpdConfigException {
    undefined(written, value, where);
    try {
      URI u = new URI(value);
      if (u.getScheme() == null) {
        throw new URISyntaxException(value, "no scheme (e.g. https://host:port)");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new HttpdConfigException(
          where + ": " + written + " " + value + " is not a URL: " + e.getReason());
    }
  }

  private void balancerMember(List<String> args, ConfLine l) throws HttpdConfigException {
    Section s = scope();
    if (kindOf(s).equals("proxy")
        && unquote(s.arg).toLowerCase(Locale.ROOT).startsWith("balancer://")) {
      Member m =
          new Member(
              url(l.first(), args.get(0), l.where()),
              l.where(),
              l.assumptions(),
              params(args.subList(1, args.size())));
      balancer(server, unquote(s.arg)).members.add(m);
    } else if (args.size() > 1 && args.get(0).toLowerCase(Locale.ROOT).startsWith("balancer://")) {
      Member m =
          new Member(
              url(l.first(), args.get(1), l.where()),
              l.where(),
              l.assumptions(),
              params(args.subList(2, args.size())));
      balancer(server, args.get(0)).members.add(m);
    } else {
      throw new HttpdConfigException(
          l.where()
              + ": BalancerMember outside a <Proxy balancer://NAME> section must name its"
              + " balancer first (httpd refuses to start): BalancerMember balancer://NAME URL");
    }
  }

  private void proxyPass(List<String> args, ConfLine l) throws HttpdConfigException {
    Section s = scope();
    if (kindOf(s).equals("location") || kindOf(s).equals("locationmatch")) {
      if (args.get(0).startsWith("/")) {
        throw new HttpdConfigException(
            l.where()
                + ": ProxyPass inside "
                + s.label()
                + " takes no path (httpd refuses to start): ProxyPass URL");
      }
      addPass(unquote(s.arg), args.get(0), l, params(args.subList(1, args.size())));
    } else if (args.size() > 1) {
      addPass(args.get(0), args.get(1), l, params(args.subList(2, args.size())));
    }
  }

  private void addPass(String path, String target, ConfLine l, Map<String, String> params)
      throws HttpdConfigException {
    if (!target.equals("!")) {
      url(l.first(), target, l.where());
    }
    server.passes.add(new Pass(path, target, l.where(), l.assumptions(), params));
  }

  /** Worker parameters key=value (keys in lower case); flags like "nocanon" map to "". */
  private static Map<String, String> params(List<String> words) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      String key = (eq < 0 ? w : w.substring(0, eq)).toLowerCase(Locale.ROOT);
      out.putIfAbsent(key, eq < 0 ? "" : w.substring(eq + 1));
    }
    return out;
  }

  private static Balancer balancer(Server s, String url) {
    String key = stripSlash(url.toLowerCase(Locale.ROOT));
    return s.balancers.computeIfAbsent(key, Balancer::new);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  static String unquote(String s) {
    String t = s.strip();
    if (t.length() >= 2
        && (t.charAt(0) == '"' || t.charAt(0) == '\'')
        && t.charAt(t.length() - 1) == t.charAt(0)) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  private List<LbMember> members() {
    Set<LbMember> out = new LinkedHashSet<>();
    new MemberBuilder(main, main, vhosts.isEmpty()).build(out);
    for (Server v : vhosts) {
      new MemberBuilder(main, v, true).build(out);
    }
    return List.copyOf(out);
  }

  /** Resolves one server's routes to members, merging settings per path. */
  private static final class MemberBuilder {
    private final Server main;
    private final Server s;
    private final boolean unrouted;
    private final List<Pass> passes = new ArrayList<>();
    private final List<Section> locations = new ArrayList<>();
    private final List<Section> proxies = new ArrayList<>();

    MemberBuilder(Server main, Server s, boolean unrouted) {
      this.main = main;
      this.s = s;
      this.unrouted = unrouted;
      passes.addAll(s.passes);
      if (s != main) {
        passes.addAll(main.passes);
        locations.addAll(main.locations);
        proxies.addAll(main.proxies);
      }
      locations.addAll(s.locations);
      proxies.addAll(s.proxies);
    }

    void build(Set<LbMember> out) {
      Set<String> used = new LinkedHashSet<>();
      for (Pass pass : passes) {
        if (pass.target().equals("!")) {
          continue;
        }
        for (String path : paths(pass)) {
          route(pass, path, used, out);
        }
      }
      for (Balancer b : s.balancers.values()) {
        if (!used.contains(b.name) && unrouted) {
          addBalancer(b.name + " (no ProxyPass)", b, null, b.name, out);
        }
      }
    }

    private void route(Pass pass, String path, Set<String> used, Set<LbMember> out) {
      String target = pass.target();
      if (!target.toLowerCase(Locale.ROOT).startsWith("balancer://")) {
        Map<String, Setting> d = merged(target, path);
        out.add(member(path, URI.create(target), d, pass.ifs(), pass.params()));
        return;
      }
      String key = balancerKey(target);
      Balancer b = Optional.ofNullable(s.balancers.get(key)).orElse(main.balancers.get(key));
      if (b != null) {
        used.add(key);
        addBalancer(path + " -> " + b.name, b, path, key, out);
      }
    }

    /** The ProxyPass path, and each Location below it that this rule serves. */
    private List<String> paths(Pass pass) {
      List<String> out = new ArrayList<>(List.of(pass.path()));
      for (Section l : locations) {
        String p = unquote(l.arg);
        boolean plain = l.kind.equalsIgnoreCase("location") && !p.matches(".*[*?\\[].*");
        if (plain && !p.equals(pass.path()) && under(p, pass.path()) && firstPass(p) == pass) {
          out.add(p);
        }
      }
      return out;
    }

    private Pass firstPass(String path) {
      return passes.stream().filter(p -> under(path, p.path())).findFirst().orElse(null);
    }

    private void addBalancer(String route, Balancer b, String path, String key, Set<LbMember> out) {
      Map<String, Setting> d = merged(key, path);
      for (Member m : b.members) {
        List<String> own = new ArrayList<>(m.ifs());
        passes.stream()
            .filter(p -> path != null && p.path().equals(path))
            .findFirst()
            .ifPresent(p -> own.addAll(p.ifs()));
        out.add(member(route, m.url(), d, own, m.params()));
      }
    }

    private LbMember member(
        String route,
        URI url,
        Map<String, Setting> d,
        List<String> ownAssumptions,
        Map<String, String> params) {
      List<String> assumptions = new ArrayList<>(ownAssumptions);
      Map<String, Setting> certain = new LinkedHashMap<>();
      boolean conditional = false;
      for (Setting st : d.values()) {
        List<String> extra = st.ifs().stream().filter(a -> !ownAssumptions.contains(a)).toList();
        extra.stream().filter(a -> !assumptions.contains(a)).forEach(assumptions::add);
        if (extra.isEmpty()) {
          certain.put(st.name().toLowerCase(Locale.ROOT), st);
        }
        conditional |= !extra.isEmpty();
      }
      List<String> context = d.values().stream().map(Setting::describe).toList();
      return new LbMember(
          serverLabel(s),
          route,
          url,
          settings(d),
          context,
          assumptions,
          conditional ? settings(certain) : null,
          params);
    }

    /**
     * The settings for a request to {@code path} passed to {@code target}: server, virtual host,
     * matching Proxy sections, then matching Location sections (later sections win).
     */
    private Map<String, Setting> merged(String target, String path) {
      Map<String, Setting> d = new LinkedHashMap<>(main.dirs);
      if (s != main) {
        d.putAll(s.dirs);
      }
      for (Section p : proxies) {
        if (proxyMatches(p, target)) {
          d.putAll(p.dirs);
        }
      }
      for (Section l : locations) {
        if (path != null && locationMatches(l, path)) {
          d.putAll(l.dirs);
        }
      }
      return d;
    }
  }

  private static boolean proxyMatches(Section p, String target) {
    String arg = unquote(p.arg);
    String t = target.toLowerCase(Locale.ROOT);
    if (p.kind.equalsIgnoreCase("proxymatch")) {
      return safeFind(arg, target);
    }
    String a = stripSlash(arg.toLowerCase(Locale.ROOT));
    if (a.equals("*")) {
      return true;
    }
    if (a.matches(".*[*?].*")) {
      return glob(a).matcher(t).matches() || glob(a).matcher(t + "/").matches();
    }
    return t.equals(a) || t.startsWith(a + "/");
  }

  private static boolean locationMatches(Section l, String path) {
    String arg = unquote(l.arg);
    if (l.kind.equalsIgnoreCase("locationmatch")) {
      return safeFind(arg, path);
    }
    if (arg.matches(".*[*?\\[].*")) {
      return glob(arg).matcher(path).lookingAt();
    }
    return under(path, arg);
  }

  /** httpd's Location prefix rule: "/x" matches /x, /x/ and /x/y but not /xy. */
  private static boolean under(String path, String prefix) {
    if (!path.startsWith(prefix)) {
      return false;
    }
    return prefix.endsWith("/")
        || path.length() == prefix.length()
        || path.charAt(prefix.length()) == '/';
  }

  private static boolean safeFind(String regex, String s) {
    try {
      return Pattern.compile(regex).matcher(s).find();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    for (char c : g.toCharArray()) {
      re.append(c == '*' ? "[^/]*" : c == '?' ? "[^/]" : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString());
  }

  private static String balancerKey(String target) {
    String lower = target.toLowerCase(Locale.ROOT);
    int slash = lower.indexOf('/', "balancer://".length());
    return slash < 0 ? lower : lower.substring(0, slash);
  }

  private static ProxyTlsSettings settings(Map<String, Setting> d) {
    Map<String, String> v = new LinkedHashMap<>();
    d.forEach((k, st) -> v.put(k.toLowerCase(Locale.ROOT), st.value()));
    return settingsOf(v);
  }

  /** The settings a directive map describes, httpd's UNSET where a directive is absent. */
  static ProxyTlsSettings settingsOf(Map<String, String> d) {
    return new ProxyTlsSettings(
        on(d.get("sslproxyengine")),
        Optional.ofNullable(d.get("sslproxyverify")).map(HttpdConfigParser::verifyMode),
        Optional.ofNullable(d.get("sslproxyverifydepth")).map(HttpdConfigParser::atoi),
        d.get("sslproxycacertificatefile"),
        d.get("sslproxycacertificatepath"),
        flag(d.get("sslproxycheckpeercn")),
        flag(d.get("sslproxycheckpeername")),
        flag(d.get("sslproxycheckpeerexpire")),
        on(d.get("proxypreservehost")),
        d.get("sslproxymachinecertificatefile"),
        d.get("sslproxymachinecertificatepath"),
        d.get("sslproxymachinecertificatechainfile"),
        d.get("sslproxyprotocol"));
  }

  /** mod_ssl's verify levels: "on" is require and "off" none ({@code ssl_cmd_verify_parse}). */
  private static VerifyMode verifyMode(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "on" -> VerifyMode.REQUIRE;
      case "off" -> VerifyMode.NONE;
      default -> VerifyMode.valueOf(v.toUpperCase(Locale.ROOT));
    };
  }

  /**
   * A depth as mod_ssl reads it, with C's {@code atoi}: leading blanks and sign, then digits; no
   * digits is 0 ("abc" and "on" are depth 0, "2x" is 2).
   */
  static int atoi(String v) {
    java.util.regex.Matcher m = Pattern.compile("^\\s*([+-]?)([0-9]*)").matcher(v);
    m.find();
    java.math.BigInteger n =
        m.group(2).isEmpty() ? java.math.BigInteger.ZERO : new java.math.BigInteger(m.group(2));
    n = m.group(1).equals("-") ? n.negate() : n;
    // glibc's atoi is (int) strtol: strtol saturates at the long range, the cast keeps 32 bits
    n =
        n.max(java.math.BigInteger.valueOf(Long.MIN_VALUE))
            .min(java.math.BigInteger.valueOf(Long.MAX_VALUE));
    return (int) n.longValue();
  }

  /**
   * httpd reads any SSLProxyVerifyDepth value with atoi and says nothing about what follows the
   * digits ("2x" is 2, "abc" is 0) or about an overflow ("99999999999" is 1215752191): a value that
   * is not a plain number is most likely a typo, so lb-check warns about it.
   */
  static Optional<String> depthWarning(String written, String value, String where) {
    if (value.matches("[0-9]{1,9}")) {
      return Optional.empty();
    }
    int read = atoi(value);
    return Optional.of(
        where
            + ": "
            + written
            + " "
            + value
            + " is read by httpd as "
            + read
            + " (C atoi: it stops at the first character that is not a digit and keeps 32 bits of"
            + " the number, without a warning): write "
            + (read >= 0 && read <= 100 ? String.valueOf(read) : "the number")
            + " if that is what you meant");
  }

  private static boolean on(String v) {
    return v != null && v.equalsIgnoreCase("on");
  }

  private static Flag flag(String v) {
    return v == null ? Flag.UNSET : on(v) ? Flag.ON : Flag.OFF;
  }
}
