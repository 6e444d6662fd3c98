package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds truncated, mangled and spliced versions of realistic balancer configurations to the parser
 * (seeded: a failing seed is in the test name, rerun it alone). The parser must either return
 * members or throw {@link HttpdConfigException} whose message names a file and line or a file:
 * never any other exception, so {@code lb-check} never prints a stack trace.
 */
class HttpdConfigFuzzTest {
  private static final List<String> BASES =
      List.of(
          "LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n"
              + "Define HUE1 hue1.example.com:8888\n"
              + "Define CHECK on\n"
              + "<VirtualHost *:8889>\n"
              + "  ServerName hue.example.com\n"
              + "  SSLProxyEngine on\n"
              + "  <IfModule mod_ssl.c>\n"
              + "    SSLProxyVerify require\n"
              + "    SSLProxyCACertificateFile /etc/pki/ca.pem\n"
              + "  </IfModule>\n"
              + "  <IfDefine HUE_LB_INSECURE>\n"
              + "    SSLProxyVerify none\n"
              + "  </IfDefine>\n"
              + "  <Proxy \"balancer://hue\">\n"
              + "    BalancerMember \"https://${HUE1}\" route=1 \\\n"
              + "        loadfactor=1\n"
              + "    SSLProxyVerifyDepth 2\n"
              + "    SSLProxyCheckPeerCN ${CHECK}\n"
              + "  </Proxy>\n"
              + "  <Location \"/hue/\">\n"
              + "    ProxyPreserveHost On\n"
              + "    ProxyPass balancer://hue/\n"
              + "  </Location>\n"
              + "  <LocationMatch \"^/api/(.*)\">\n"
              + "    ProxyPreserveHost Off\n"
              + "  </LocationMatch>\n"
              + "  ProxyPass /static !\n"
              + "  ProxyPass / balancer://hue/ stickysession=ROUTEID\n"
              + "</VirtualHost>\n",
          "SSLProxyEngine on\n"
              + "<If \"%{HTTP_HOST} == 'a'\">\n"
              + "  ProxyPreserveHost On\n"
              + "</If>\n"
              + "<Else>\n"
              + "  ProxyPreserveHost Off\n"
              + "</Else>\n"
              + "<IfVersion >= 2.4.30>\n"
              + "  SSLProxyCheckPeerName off\n"
              + "</IfVersion>\n"
              + "<IfFile /etc/hosts>\n"
              + "  <IfDirective SSLProxyVerify>\n"
              + "    <IfSection Proxy>\n"
              + "      BalancerMember balancer://web https://w1:8443\n"
              + "    </IfSection>\n"
              + "  </IfDirective>\n"
              + "</IfFile>\n"
              + "<Proxy balancer://web/*>\n"
              + "  SSLProxyVerify optional_no_ca\n"
              + "</Proxy>\n"
              + "<ProxyMatch ^https://w[0-9]>\n"
              + "  SSLProxyCheckPeerExpire off\n"
              + "</ProxyMatch>\n"
              + "ProxyPass /web balancer://web\n"
              + "ProxyPass /plain http://p1:8080/\n"
              + "UnDefine NOTHING\n"
              + "IncludeOptional conf.d/*.conf\n");
  private static final List<String> NOISE =
      List.of(
          "<",
          ">",
          "</",
          "\"",
          "'",
          "\\",
          "${",
          "}",
          "${UNDEF}",
          "!",
          "*",
          "[",
          "(",
          "\n",
          " ",
          "\t",
          "#",
          "balancer://",
          "https://",
          "://",
          ":",
          "%",
          "<VirtualHost *:1>",
          "</VirtualHost>",
          "<Location /x>",
          "</Location>",
          "<Proxy balancer://x>",
          "</Proxy>",
          "<IfModule !x>",
          "</IfModule>",
          "<If>",
          "</If>",
          "<Else>",
          "</Else>",
          "<IfDefine>",
          "</IfDefine>",
          "SSLProxyVerify ",
          "SSLProxyVerifyDepth ",
          "ProxyPass ",
          "BalancerMember ",
          "Define ",
          "UnDefine ",
          "Include ",
          "ServerRoot ",
          "LoadModule ",
          "-1",
          "99999999999",
          "on",
          "off",
          "\u00e9",
          "\0");

  @TempDir Path dir;

  static Stream<Integer> seeds() {
    return IntStream.range(0, 300).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void neverThrowsAnythingButAMessage(int seed) throws Exception {
    Random r = new Random(seed);
    String text = mangle(BASES.get(r.nextInt(BASES.size())), r);
    Path conf = dir.resolve("httpd.conf");
    Files.writeString(conf, text);
    Files.createDirectories(dir.resolve("conf.d"));
    String included = BASES.get(1).replace("IncludeOptional", "#");
    Files.writeString(
        dir.resolve("conf.d/x.conf"), r.nextInt(4) == 0 ? mangle(included, r) : included);
    HttpdOptions o =
        new HttpdOptions(
            r.nextBoolean() ? Map.of("HUE_LB_INSECURE", "") : Map.of(),
            r.nextBoolean() ? Set.of("ssl") : Set.of(),
            Map.of("CHECK", "off"));
    try {
      List<LbMember> ms = HttpdConfigParser.read(conf, dir, o).members();
      assertThat(ms).doesNotContainNull();
    } catch (HttpdConfigException e) {
      assertThat(e.getMessage()).as("seed %d", seed).contains(dir.toString());
    } catch (RuntimeException | StackOverflowError e) {
      fail("seed " + seed + " threw " + e + " on:\n" + text, e);
    }
  }

  @org.junit.jupiter.api.Test
  void theUnmangledConfigurationsHaveMembers() throws Exception {
    Files.createDirectories(dir.resolve("conf.d"));
    for (String base : BASES) {
      Path conf = Files.writeString(dir.resolve("httpd.conf"), base);
      HttpdOptions o = new HttpdOptions(Map.of(), Set.of(), Map.of());
      assertThat(HttpdConfigParser.read(conf, dir, o).members()).isNotEmpty();
    }
  }

  private static String mangle(String base, Random r) {
    StringBuilder s = new StringBuilder(base);
    int edits = r.nextBoolean() ? 1 : 1 + r.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int at = r.nextInt(s.length() + 1);
      switch (r.nextInt(10)) {
        case 0 -> s.setLength(at);
        case 1 -> s.insert(at, NOISE.get(r.nextInt(NOISE.size())));
        case 2 -> s.delete(at, Math.min(s.length(), at + 1 + r.nextInt(20)));
        case 3 -> s.insert(at, base, r.nextInt(base.length()), base.length());
        case 4 -> swapLines(s, r);
        default -> replaceValue(s, r);
      }
    }
    return s.toString();
  }

  /** Replaces the last word of a random line (a directive's value) with noise. */
  private static void replaceValue(StringBuilder s, Random r) {
    List<String> lines = new ArrayList<>(List.of(s.toString().split("\n", -1)));
    int i = r.nextInt(lines.size());
    for (int tries = 0; tries < 20 && !lines.get(i).contains("Proxy"); tries++) {
      i = r.nextInt(lines.size());
    }
    String line = lines.get(i);
    int sp = line.stripTrailing().lastIndexOf(' ');
    if (sp > 0) {
      lines.set(i, line.substring(0, sp + 1) + NOISE.get(r.nextInt(NOISE.size())));
    }
    s.setLength(0);
    s.append(String.join("\n", lines));
  }

  private static void swapLines(StringBuilder s, Random r) {
    List<String> lines = new ArrayList<>(List.of(s.toString().split("\n", -1)));
    if (lines.size() > 1) {
      int a = r.nextInt(lines.size());
      int b = r.nextInt(lines.size());
      String t = lines.get(a);
      lines.set(a, lines.get(b));
      lines.set(b, t);
    }
    s.setLength(0);
    s.append(String.join("\n", lines));
  }

  /** Directives of a valid site whose value the substitution test replaces, one at a time. */
  private static final List<String> SUBSTITUTED =
      List.of(
          "SSLProxyEngine",
          "SSLProxyVerify",
          "SSLProxyVerifyDepth",
          "SSLProxyCheckPeerCN",
          "SSLProxyCheckPeerName",
          "SSLProxyCheckPeerExpire",
          "SSLProxyProtocol",
          "ProxyPreserveHost");

  private static final List<String> VALUES =
      List.of(
          "on",
          "Off",
          "ON",
          "maybe",
          "0",
          "2",
          "10",
          "-1",
          "2x",
          "abc",
          "none",
          "Require",
          "optional_no_ca",
          "optional-no-ca",
          "TLSv1.2",
          "+TLSv1.3",
          "all -SSLv3",
          "-all +TLSv1.2",
          "TLSv9",
          "2147483648",
          "99999999999",
          "\"\"");

  static Stream<org.junit.jupiter.params.provider.Arguments> substitutions() {
    return SUBSTITUTED.stream()
        .flatMap(
            d -> VALUES.stream().map(v -> org.junit.jupiter.params.provider.Arguments.of(d, v)));
  }

  /**
   * Substitutes each value (valid or not) into each directive of a valid site and asks the real
   * httpd ({@code apache2 -t}) whether it starts: lb-check must refuse exactly what httpd refuses,
   * and where both accept, read the value as httpd does (checked for the depth, the verify mode and
   * the flags).
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("substitutions")
  void substitutedValuesAreRefusedExactlyWhenHttpdRefusesThem(String directive, String value)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(HttpdProcess.BINARY));
    Path conf = HttpdConf.write(dir, FreePorts.next(), FreePorts.next(), "warn", "", List.of());
    Files.writeString(dir.resolve("conf.d/balancers.conf"), site(directive, value));
    Process t =
        new ProcessBuilder(
                HttpdProcess.BINARY.toString(), "-t", "-d", dir.toString(), "-f", conf.toString())
            .redirectErrorStream(true)
            .start();
    String httpdSays = new String(t.getInputStream().readAllBytes());
    boolean httpdAccepts = t.waitFor() == 0;
    String row = directive + " " + value + ": httpd " + (httpdAccepts ? "accepts" : httpdSays);
    List<LbMember> members;
    try {
      members = HttpdConfigParser.parse(conf, dir);
    } catch (HttpdConfigException e) {
      assertThat(httpdAccepts).as(row + "; lb-check refuses: " + e.getMessage()).isFalse();
      return;
    }
    assertThat(httpdAccepts).as(row + "; lb-check accepts").isTrue();
    assertThat(members).hasSize(1);
    assertReadAsHttpd(directive, value, members.get(0).settings(), row);
  }

  private static void assertReadAsHttpd(
      String directive, String value, ProxyTlsSettings s, String row) {
    String v = value.toLowerCase(java.util.Locale.ROOT);
    switch (directive) {
      case "SSLProxyVerifyDepth" -> assertThat(s.depth()).as(row).isEqualTo(atoi(v));
      case "SSLProxyVerify" ->
          assertThat(s.verify().name())
              .as(row)
              .isEqualToIgnoringCase(v.equals("on") ? "require" : v.equals("off") ? "none" : v);
      case "SSLProxyCheckPeerCN" ->
          assertThat(s.checkPeerCn().name()).as(row).isEqualToIgnoringCase(v);
      case "SSLProxyEngine" -> assertThat(s.sslProxyEngine()).as(row).isEqualTo(v.equals("on"));
      case "ProxyPreserveHost" -> assertThat(s.preserveHost()).as(row).isEqualTo(v.equals("on"));
      default -> {}
    }
  }

  /** glibc's atoi, (int) strtol: leading digits (0 when none), saturated to long, cut to int. */
  private static int atoi(String v) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[0-9]+").matcher(v);
    if (!m.find()) {
      return 0;
    }
    java.math.BigInteger n = new java.math.BigInteger(m.group());
    return (int) n.min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
  }

  private static String site(String directive, String value) {
    StringBuilder v = new StringBuilder("<VirtualHost 127.0.0.1:80>\n");
    Map<String, String> values = new java.util.LinkedHashMap<>();
    values.put("SSLProxyEngine", "on");
    values.put("SSLProxyVerify", "none");
    values.put("SSLProxyVerifyDepth", "2");
    values.put("SSLProxyCheckPeerCN", "on");
    values.put("SSLProxyCheckPeerName", "on");
    values.put("SSLProxyCheckPeerExpire", "on");
    values.put("SSLProxyProtocol", "all -SSLv3");
    values.put("ProxyPreserveHost", "Off");
    values.put(directive, value);
    values.forEach((k, val) -> v.append("  ").append(k).append(' ').append(val).append('\n'));
    return v.append("  <Proxy balancer://hue>\n    BalancerMember https://localhost:8443 retry=5\n")
        .append("  </Proxy>\n  ProxyPass /hue/ balancer://hue/\n</VirtualHost>\n")
        .toString();
  }
}
