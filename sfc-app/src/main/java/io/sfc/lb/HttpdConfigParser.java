package io.sfc.lb;

import io.sfc.lb.ProxyTlsSettings.Flag;
import io.sfc.lb.ProxyTlsSettings.VerifyMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every proxied backend in an httpd configuration and the proxy TLS directives in effect for
 * it: main server and {@code <VirtualHost>} scopes (a virtual host inherits the main server's
 * directives, balancers and ProxyPass rules), {@code <Proxy balancer://…>} sections with {@code
 * BalancerMember} lines (whose SSLProxy* directives apply to their members), and {@code ProxyPass}.
 * Other sections ({@code <IfModule>}, {@code <Location>}, …) are read as if their conditions held;
 * directives in them count for the enclosing server.
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
          "proxypreservehost");

  /** One server: the main server or a virtual host. */
  private static final class Server {
    final String label;
    final Map<String, String> dirs = new HashMap<>();
    final Map<String, Balancer> balancers = new LinkedHashMap<>();
    final List<String[]> passes = new ArrayList<>();

    Server(String label) {
      this.label = label;
    }
  }

  /** A balancer and its members. */
  private static final class Balancer {
    final String name;
    final Map<String, String> dirs = new HashMap<>();
    final List<URI> members = new ArrayList<>();

    Balancer(String name) {
      this.name = name;
    }
  }

  private final Server main = new Server("main server");
  private final List<Server> vhosts = new ArrayList<>();
  private Server server = main;
  private final Deque<String[]> sections = new ArrayDeque<>();
  private Balancer proxySection;

  private HttpdConfigParser() {}

  /**
   * Parses a configuration file.
   *
   * @param file the main configuration file
   * @param serverRoot ServerRoot for relative includes until a ServerRoot directive says otherwise
   */
  public static List<LbMember> parse(Path file, Path serverRoot) throws HttpdConfigException {
    HttpdConfigParser p = new HttpdConfigParser();
    for (List<String> line : new HttpdConfigReader(serverRoot).read(file)) {
      p.line(line);
    }
    if (!p.sections.isEmpty()) {
      throw new HttpdConfigException("section <" + p.sections.peek()[0] + "> is not closed");
    }
    return p.members();
  }

  private void line(List<String> t) throws HttpdConfigException {
    String first = t.get(0);
    if (first.startsWith("</")) {
      close(first);
    } else if (first.startsWith("<")) {
      open(t);
    } else {
      directive(first.toLowerCase(Locale.ROOT), t.subList(1, t.size()));
    }
  }

  private void open(List<String> t) {
    String joined = String.join(" ", t);
    String inner =
        joined.substring(1, joined.endsWith(">") ? joined.length() - 1 : joined.length());
    String[] kindArg = inner.strip().split("\\s+", 2);
    String kind = kindArg[0].toLowerCase(Locale.ROOT);
    String arg = kindArg.length > 1 ? kindArg[1].strip() : "";
    sections.push(new String[] {kind, arg});
    if (kind.equals("virtualhost")) {
      server = new Server("<VirtualHost " + arg + ">");
      vhosts.add(server);
    } else if (kind.equals("proxy") && arg.toLowerCase(Locale.ROOT).startsWith("balancer://")) {
      proxySection = balancer(server, arg);
    }
  }

  private void close(String tag) throws HttpdConfigException {
    if (sections.isEmpty()) {
      throw new HttpdConfigException("unexpected " + tag);
    }
    String kind = sections.pop()[0];
    if (kind.equals("virtualhost")) {
      server = main;
    } else if (kind.equals("proxy")) {
      proxySection = null;
    }
  }

  private void directive(String name, List<String> args) {
    if (args.isEmpty()) {
      return;
    }
    switch (name) {
      case "servername" -> {
        if (server != main) {
          server.dirs.put("servername", args.get(0));
        }
      }
      case "balancermember" -> balancerMember(args);
      case "proxypass" -> proxyPass(args);
      default -> {
        if (TLS_DIRECTIVES.contains(name)) {
          (proxySection != null && name.startsWith("sslproxy") ? proxySection.dirs : server.dirs)
              .put(name, args.get(0));
        }
      }
    }
  }

  private void balancerMember(List<String> args) {
    if (proxySection != null) {
      proxySection.members.add(URI.create(args.get(0)));
    } else if (args.size() > 1) {
      balancer(server, args.get(0)).members.add(URI.create(args.get(1)));
    }
  }

  private void proxyPass(List<String> args) {
    String[] location = locationSection();
    if (location != null && !args.get(0).startsWith("/")) {
      server.passes.add(new String[] {location[1], args.get(0)});
    } else if (args.size() > 1) {
      server.passes.add(new String[] {args.get(0), args.get(1)});
    }
  }

  private String[] locationSection() {
    for (String[] s : sections) {
      if (s[0].equals("location")) {
        return s;
      }
    }
    return null;
  }

  private static Balancer balancer(Server s, String url) {
    String key = stripSlash(url.toLowerCase(Locale.ROOT));
    return s.balancers.computeIfAbsent(key, Balancer::new);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private List<LbMember> members() {
    Set<LbMember> out = new LinkedHashSet<>();
    serverMembers(main, out);
    for (Server v : vhosts) {
      serverMembers(v, out);
    }
    return List.copyOf(out);
  }

  private void serverMembers(Server s, Set<LbMember> out) {
    Map<String, String> dirs = new HashMap<>(main.dirs);
    dirs.putAll(s.dirs);
    String scope =
        s.label + Optional.ofNullable(s.dirs.get("servername")).map(n -> " " + n).orElse("");
    List<String[]> passes = new ArrayList<>(s.passes);
    if (s != main) {
      passes.addAll(main.passes);
    }
    Set<String> used = new LinkedHashSet<>();
    for (String[] pass : passes) {
      String target = pass[1];
      if (target.equals("!")) {
        continue;
      }
      if (target.toLowerCase(Locale.ROOT).startsWith("balancer://")) {
        String key = balancerKey(target);
        Balancer b = Optional.ofNullable(s.balancers.get(key)).orElse(main.balancers.get(key));
        if (b != null) {
          used.add(key);
          addBalancer(scope, pass[0] + " -> " + b.name, b, dirs, out);
        }
      } else {
        out.add(new LbMember(scope, pass[0], URI.create(target), settings(dirs)));
      }
    }
    for (Balancer b : s.balancers.values()) {
      if (!used.contains(b.name) && (s != main || vhosts.isEmpty())) {
        addBalancer(scope, b.name + " (no ProxyPass)", b, dirs, out);
      }
    }
  }

  private static String balancerKey(String target) {
    String lower = target.toLowerCase(Locale.ROOT);
    int slash = lower.indexOf('/', "balancer://".length());
    return slash < 0 ? lower : lower.substring(0, slash);
  }

  private static void addBalancer(
      String scope, String route, Balancer b, Map<String, String> dirs, Set<LbMember> out) {
    Map<String, String> merged = new HashMap<>(dirs);
    merged.putAll(b.dirs);
    for (URI m : b.members) {
      out.add(new LbMember(scope, route, m, settings(merged)));
    }
  }

  /** The settings a directive map describes, httpd's UNSET where a directive is absent. */
  static ProxyTlsSettings settings(Map<String, String> d) {
    return new ProxyTlsSettings(
        on(d.get("sslproxyengine")),
        Optional.ofNullable(d.get("sslproxyverify"))
            .map(v -> VerifyMode.valueOf(v.toUpperCase(Locale.ROOT))),
        Optional.ofNullable(d.get("sslproxyverifydepth")).map(Integer::parseInt),
        d.get("sslproxycacertificatefile"),
        d.get("sslproxycacertificatepath"),
        flag(d.get("sslproxycheckpeercn")),
        flag(d.get("sslproxycheckpeername")),
        flag(d.get("sslproxycheckpeerexpire")),
        on(d.get("proxypreservehost")));
  }

  private static boolean on(String v) {
    return v != null && v.equalsIgnoreCase("on");
  }

  private static Flag flag(String v) {
    return v == null ? Flag.UNSET : on(v) ? Flag.ON : Flag.OFF;
  }
}
