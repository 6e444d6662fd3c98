package io.sfc.api.config;

import java.util.regex.Pattern;

/** Checks IP address literals as text: binding never looks a name up. */
final class IpLiteral {

  private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9]");
  private static final Pattern GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

  private IpLiteral() {}

  /** True for a dotted-quad IPv4 address or an IPv6 address (with an optional IPv4 tail). */
  static boolean valid(String v) {
    return v.contains(":") ? ipv6(v) : ipv4(v);
  }

  private static boolean ipv4(String v) {
    String[] parts = v.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (!OCTET.matcher(p).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean ipv6(String v) {
    String[] halves = v.split("::", -1);
    if (halves.length > 2) {
      return false;
    }
    int groups = 0;
    for (String half : halves) {
      String[] parts = half.isEmpty() ? new String[0] : half.split(":", -1);
      for (String g : parts) {
        boolean tail = g.contains(".") && v.endsWith(":" + g) && ipv4(g);
        if (!tail && !GROUP.matcher(g).matches()) {
          return false;
        }
        groups += tail ? 2 : 1;
      }
    }
    return halves.length == 1 ? groups == 8 : groups <= 7;
  }
}
