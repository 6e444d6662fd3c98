package io.sfc.lb;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One balancer member (or direct ProxyPass target) and the proxy TLS directives in effect for it.
 *
 * @param scope where it is configured, e.g. "main server" or "&lt;VirtualHost *:443&gt;
 *     hue.example.com"
 * @param route the ProxyPass path or balancer it serves
 * @param url the member's URL
 * @param settings the directives in effect for requests on that route
 * @param context where each directive in effect came from, e.g. "ProxyPreserveHost On from
 *     &lt;Location /hue/&gt; at conf.d/hue.conf:12"
 * @param assumptions conditions sfc could not evaluate that this member or its settings depend on
 * @param alternative the settings if those conditions do not hold (null when no setting depends on
 *     one)
 * @param params the worker's parameters as written on its BalancerMember or ProxyPass line (retry,
 *     timeout, disablereuse...), keys in lower case
 */
public record LbMember(
    String scope,
    String route,
    URI url,
    ProxyTlsSettings settings,
    List<String> context,
    List<String> assumptions,
    ProxyTlsSettings alternative,
    Map<String, String> params) {

  /** A member with no recorded context and no assumptions. */
  public LbMember(String scope, String route, URI url, ProxyTlsSettings settings) {
    this(scope, route, url, settings, List.of(), List.of(), null, Map.of());
  }

  /** Copies the lists. */
  public LbMember {
    context = List.copyOf(context);
    assumptions = List.copyOf(assumptions);
    params = Map.copyOf(params);
  }

  /** Whether it is a member of a balancer (not a direct ProxyPass worker). */
  public boolean inBalancer() {
    return route.contains("balancer://");
  }

  /** Whether httpd talks TLS to it. */
  public boolean https() {
    return "https".equalsIgnoreCase(url.getScheme()) || "wss".equalsIgnoreCase(url.getScheme());
  }

  /** The member's port, with the scheme's default. */
  public int port() {
    return url.getPort() > 0 ? url.getPort() : (https() ? 443 : 80);
  }

  /** The same member judged with other settings. */
  public LbMember withSettings(ProxyTlsSettings s) {
    return new LbMember(scope, route, url, s, context, assumptions, null, params);
  }
}
