package io.sfc.doctor;

import java.util.regex.Pattern;

/** A URL for display: the password in its user-info (and in a password= option) replaced. */
final class MaskedUrl {
  private static final Pattern USERINFO = Pattern.compile("(://[^/@:]*:)[^/@]*@");
  private static final Pattern OPTION = Pattern.compile("((?:^|[?&;])password=)[^&;]*");

  private MaskedUrl() {}

  static String of(String url) {
    String s = USERINFO.matcher(url).replaceFirst("$1***@");
    return OPTION.matcher(s).replaceAll("$1***");
  }
}
