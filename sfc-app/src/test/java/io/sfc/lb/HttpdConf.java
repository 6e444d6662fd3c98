package io.sfc.lb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a self-contained httpd configuration: a main file (modules, logs, runtime files in the
 * test's directory, the given LogLevel) that includes {@code conf.d/*.conf} relative to ServerRoot,
 * and there two virtual hosts, the second with ProxyPreserveHost On, each with one balancer per
 * route.
 */
final class HttpdConf {
  private static final String MODULES = "/usr/lib/apache2/modules/";

  /** One route: /name/ to balancer://name with the member https://host:port. */
  record Route(String name, String host, int port, boolean preserveHost) {}

  private HttpdConf() {}

  static Path write(
      Path root, int plainPort, int preservingPort, String logLevel, String tls, List<Route> routes)
      throws IOException {
    Files.createDirectories(root.resolve("conf.d"));
    Files.createDirectories(root.resolve("run"));
    StringBuilder main = new StringBuilder();
    for (String m :
        List.of(
            "mpm_event",
            "authz_core",
            "proxy",
            "proxy_http",
            "proxy_balancer",
            "lbmethod_byrequests",
            "slotmem_shm",
            "socache_shmcb",
            "ssl")) {
      main.append("LoadModule ")
          .append(m)
          .append("_module ")
          .append(MODULES)
          .append("mod_")
          .append(m)
          .append(".so\n");
    }
    main.append("ServerRoot ")
        .append(root)
        .append('\n')
        .append("ServerName localhost\n")
        .append("DefaultRuntimeDir ")
        .append(root.resolve("run"))
        .append('\n')
        .append("PidFile ")
        .append(root.resolve("run/httpd.pid"))
        .append('\n')
        .append("ErrorLog ")
        .append(root.resolve("error_log"))
        .append('\n')
        .append("LogLevel ")
        .append(logLevel)
        .append('\n')
        .append("Mutex file:")
        .append(root.resolve("run"))
        .append(" default\n")
        .append(isRoot() ? "User www-data\nGroup www-data\n" : "")
        .append("Listen 127.0.0.1:")
        .append(plainPort)
        .append('\n')
        .append("Listen 127.0.0.1:")
        .append(preservingPort)
        .append('\n')
        .append("IncludeOptional conf.d/*.conf\n");
    Files.writeString(root.resolve("httpd.conf"), main);
    Files.writeString(
        root.resolve("conf.d/balancers.conf"),
        vhost(plainPort, false, tls, routes) + vhost(preservingPort, true, tls, routes));
    return root.resolve("httpd.conf");
  }

  /** Directives starting with this marker go into each {@code <Proxy balancer://>} section. */
  static final String IN_PROXY_SECTION = "#in-proxy-section\n";

  private static String vhost(int port, boolean preserve, String directives, List<Route> routes) {
    boolean inProxy = directives.startsWith(IN_PROXY_SECTION);
    String tls = inProxy ? "" : directives;
    String proxyTls =
        inProxy ? directives.substring(IN_PROXY_SECTION.length()).replace("    ", "        ") : "";
    StringBuilder v = new StringBuilder();
    v.append("<VirtualHost 127.0.0.1:")
        .append(port)
        .append(">\n")
        .append("    SSLProxyEngine on\n")
        .append(tls.isEmpty() ? "" : "    " + tls)
        .append(preserve ? "    ProxyPreserveHost On\n" : "");
    for (Route r : routes) {
      if (r.preserveHost() != preserve) {
        continue;
      }
      v.append("    <Proxy balancer://")
          .append(r.name())
          .append(">\n")
          .append("        BalancerMember https://")
          .append(r.host())
          .append(':')
          .append(r.port())
          .append('\n')
          .append(proxyTls.isEmpty() ? "" : "        " + proxyTls)
          .append("    </Proxy>\n")
          .append("    ProxyPass /")
          .append(r.name())
          .append("/ balancer://")
          .append(r.name())
          .append("/\n");
    }
    return v.append("</VirtualHost>\n").toString();
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
