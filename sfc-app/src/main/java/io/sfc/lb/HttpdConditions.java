package io.sfc.lb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** Evaluates httpd's parse-time conditional sections; null where sfc cannot tell. */
final class HttpdConditions {
  /** Directives sfc can answer {@code <IfDirective>} for, and the module providing each. */
  private static final Map<String, String> DIRECTIVES =
      Map.ofEntries(
          Map.entry("servername", "core"),
          Map.entry("serverroot", "core"),
          Map.entry("include", "core"),
          Map.entry("includeoptional", "core"),
          Map.entry("define", "core"),
          Map.entry("undefine", "core"),
          Map.entry("listen", "core"),
          Map.entry("loglevel", "core"),
          Map.entry("errorlog", "core"),
          Map.entry("loadmodule", "so"),
          Map.entry("proxypass", "proxy"),
          Map.entry("proxypassmatch", "proxy"),
          Map.entry("proxypreservehost", "proxy"),
          Map.entry("balancermember", "proxy"),
          Map.entry("proxyset", "proxy"),
          Map.entry("sslengine", "ssl"),
          Map.entry("sslproxyengine", "ssl"),
          Map.entry("sslproxyverify", "ssl"),
          Map.entry("sslproxyverifydepth", "ssl"),
          Map.entry("sslproxycacertificatefile", "ssl"),
          Map.entry("sslproxycacertificatepath", "ssl"),
          Map.entry("sslproxycheckpeercn", "ssl"),
          Map.entry("sslproxycheckpeername", "ssl"),
          Map.entry("sslproxycheckpeerexpire", "ssl"),
          Map.entry("sslproxymachinecertificatefile", "ssl"),
          Map.entry("sslproxymachinecertificatepath", "ssl"),
          Map.entry("sslproxymachinecertificatechainfile", "ssl"),
          Map.entry("sslproxyprotocol", "ssl"),
          Map.entry("sslproxyciphersuite", "ssl"));

  /** Sections sfc can answer {@code <IfSection>} for, and the module providing each. */
  private static final Map<String, String> SECTIONS =
      Map.ofEntries(
          Map.entry("virtualhost", "core"),
          Map.entry("directory", "core"),
          Map.entry("directorymatch", "core"),
          Map.entry("files", "core"),
          Map.entry("filesmatch", "core"),
          Map.entry("location", "core"),
          Map.entry("locationmatch", "core"),
          Map.entry("if", "core"),
          Map.entry("ifmodule", "core"),
          Map.entry("ifdefine", "core"),
          Map.entry("iffile", "core"),
          Map.entry("ifdirective", "core"),
          Map.entry("ifsection", "core"),
          Map.entry("limit", "core"),
          Map.entry("limitexcept", "core"),
          Map.entry("proxy", "proxy"),
          Map.entry("proxymatch", "proxy"),
          Map.entry("ifversion", "version"));

  private HttpdConditions() {}

  /**
   * The value of a condition (without its leading '!'), or null when unknown.
   *
   * @param loaded whether a module is loaded (null when unknown)
   * @param defined whether a name is defined
   */
  static Boolean evaluate(
      String kind,
      String name,
      Function<String, Boolean> loaded,
      Predicate<String> defined,
      Path serverRoot) {
    String n = unquote(name);
    return switch (kind) {
      case "ifmodule" -> loaded.apply(n);
      case "ifdefine" -> defined.test(n);
      case "iffile" -> ifFile(n, serverRoot);
      case "ifdirective" -> byModule(DIRECTIVES.get(n.toLowerCase(Locale.ROOT)), loaded);
      case "ifsection" -> byModule(SECTIONS.get(n.toLowerCase(Locale.ROOT)), loaded);
      default -> null;
    };
  }

  /** Why a condition of this kind could not be evaluated, for the report. */
  static String whyUnknown(String kind, boolean sawLoadModule) {
    return switch (kind) {
      case "ifmodule" ->
          sawLoadModule
              ? "is not evaluated"
              : "is not evaluated: no LoadModule line was read before it (pass the main httpd"
                  + " configuration, or --module NAME for each module httpd loads)";
      case "ifdirective", "ifsection" -> "is not evaluated: sfc does not know that name";
      case "if", "elseif", "else" -> "is not evaluated (its expression is judged per request)";
      case "ifversion" -> "is not evaluated (sfc does not know the httpd version)";
      default -> "is not evaluated";
    };
  }

  private static Boolean byModule(String module, Function<String, Boolean> loaded) {
    if (module == null) {
      return null;
    }
    return module.equals("core") ? Boolean.TRUE : loaded.apply(module);
  }

  private static Boolean ifFile(String name, Path serverRoot) {
    try {
      Path p = Path.of(name);
      return Files.exists(p.isAbsolute() ? p : serverRoot.resolve(p));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String unquote(String s) {
    String t = s.strip();
    if (t.length() >= 2
        && (t.startsWith("\"") || t.startsWith("'"))
        && t.endsWith(t.substring(0, 1))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }
}
