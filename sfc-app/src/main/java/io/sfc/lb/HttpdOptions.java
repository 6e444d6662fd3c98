package io.sfc.lb;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What httpd knows before it reads its configuration: the {@code -D} defines it was started with,
 * modules given on the command line ({@code --module}, in addition to the compiled-in ones and the
 * {@code LoadModule} lines read), and its environment (for {@code ${VAR}}, e.g. Debian's {@code
 * /etc/apache2/envvars} as {@code apache2ctl} sources it).
 *
 * @param defines NAME to VALUE (an empty value for a bare {@code -D NAME})
 * @param modules module names ({@code ssl}, {@code ssl_module} or {@code mod_ssl.c})
 * @param environment the process environment httpd sees
 */
public record HttpdOptions(
    Map<String, String> defines, Set<String> modules, Map<String, String> environment) {

  /** Modules compiled into Debian's apache2 2.4 ({@code apache2 -l}). */
  static final Set<String> COMPILED_IN =
      Set.of("core", "so", "watchdog", "http_core", "log_config", "logio", "version", "unixd");

  /** Copies the arguments. */
  public HttpdOptions {
    defines = Map.copyOf(defines);
    modules = Set.copyOf(modules);
    environment = Map.copyOf(environment);
  }

  /** No defines, no extra modules, this process's environment. */
  public static HttpdOptions defaults() {
    return new HttpdOptions(Map.of(), Set.of(), System.getenv());
  }

  /** Parses {@code NAME} or {@code NAME=VALUE} items (as {@code httpd -D}). */
  public static Map<String, String> parseDefines(Iterable<String> items) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String d : items) {
      int eq = d.indexOf('=');
      out.put(eq < 0 ? d : d.substring(0, eq), eq < 0 ? "" : d.substring(eq + 1));
    }
    return out;
  }

  /** The canonical short name of a module: {@code ssl} for ssl_module, mod_ssl.c, mod_ssl.so. */
  static String moduleKey(String name) {
    String n = name.strip();
    int slash = n.lastIndexOf('/');
    n = slash >= 0 ? n.substring(slash + 1) : n;
    if (n.startsWith("mod_")) {
      n = n.substring(4);
    }
    for (String suffix : new String[] {".c", ".so", "_module"}) {
      if (n.endsWith(suffix)) {
        n = n.substring(0, n.length() - suffix.length());
      }
    }
    return n;
  }

  /** The module keys given on the command line. */
  Set<String> moduleKeys() {
    Set<String> out = new LinkedHashSet<>(COMPILED_IN);
    modules.forEach(m -> out.add(moduleKey(m)));
    return out;
  }
}
