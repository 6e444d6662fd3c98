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
}
