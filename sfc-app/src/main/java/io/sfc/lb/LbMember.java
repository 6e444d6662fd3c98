package io.sfc.lb;

import java.net.URI;

/**
 * One balancer member (or direct ProxyPass target) and the proxy TLS directives in effect for it.
 *
 * @param scope where it is configured, e.g. "main server" or "&lt;VirtualHost *:443&gt;
 *     hue.example.com"
 * @param route the ProxyPass path or balancer it serves
 * @param url the member's URL
 * @param settings the directives in effect
 */
public record LbMember(String scope, String route, URI url, ProxyTlsSettings settings) {

  /** Whether httpd talks TLS to it. */
  public boolean https() {
    return "https".equalsIgnoreCase(url.getScheme()) || "wss".equalsIgnoreCase(url.getScheme());
  }

  /** The member's port, with the scheme's default. */
  public int port() {
    return url.getPort() > 0 ? url.getPort() : (https() ? 443 : 80);
  }
}
