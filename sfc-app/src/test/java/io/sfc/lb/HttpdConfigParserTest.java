package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.lb.ProxyTlsSettings.Flag;
import io.sfc.lb.ProxyTlsSettings.VerifyMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpdConfigParserTest {
  @TempDir Path root;

  private Path write(String name, String text) throws IOException {
    Path p = root.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private LbMember only(List<LbMember> ms, String host) {
    return ms.stream().filter(m -> m.url().getHost().equals(host)).findFirst().orElseThrow();
  }

  @Test
  void followsIncludeGlobsRelativeToServerRootAndScopesVirtualHosts() throws Exception {
    Path main =
        write(
            "httpd.conf",
            "ServerRoot "
                + root
                + "\n"
                + "SSLProxyEngine on\n"
                + "SSLProxyVerify require\n"
                + "# comment\n"
                + "IncludeOptional sites-enabled/*.conf\n"
                + "IncludeOptional nothing/*.conf\n");
    write(
        "sites-enabled/10-hue.conf",
        "<VirtualHost *:8889>\n"
            + "  ServerName hue.example.com\n"
            + "  ProxyPreserveHost On\n"
            + "  SSLProxyCheckPeerCN off\n"
            + "  <Proxy balancer://hue>\n"
            + "    BalancerMember https://hue1.example.com:8888 route=1 \\\n"
            + "        loadfactor=1\n"
            + "    BalancerMember https://hue2.example.com:8888\n"
            + "    SSLProxyVerifyDepth 3\n"
            + "  </Proxy>\n"
            + "  ProxyPass / balancer://hue/ stickysession=ROUTEID\n"
            + "</VirtualHost>\n");
    write(
        "sites-enabled/20-airflow.conf",
        "<VirtualHost *:8080>\n"
            + "  <Location /af/>\n"
            + "    ProxyPass \"https://af1.example.com:8443/\"\n"
            + "  </Location>\n"
            + "</VirtualHost>\n");
    List<LbMember> ms = HttpdConfigParser.parse(main, Path.of("/nonexistent"));
    assertThat(ms).hasSize(3);
    LbMember hue1 = only(ms, "hue1.example.com");
    assertThat(hue1.scope()).contains("<VirtualHost *:8889>").contains("hue.example.com");
    assertThat(hue1.route()).isEqualTo("/ -> balancer://hue");
    assertThat(hue1.settings().verify()).isEqualTo(VerifyMode.REQUIRE);
    assertThat(hue1.settings().depth()).isEqualTo(3);
    assertThat(hue1.settings().checkPeerCn()).isEqualTo(Flag.OFF);
    assertThat(hue1.settings().checkPeerName()).isEqualTo(Flag.UNSET);
    assertThat(hue1.settings().preserveHost()).isTrue();
    LbMember af = only(ms, "af1.example.com");
    assertThat(af.route()).isEqualTo("/af/");
    assertThat(af.settings().preserveHost()).isFalse();
    assertThat(af.settings().checkPeerCn()).isEqualTo(Flag.UNSET);
    assertThat(af.settings().depth()).isEqualTo(1);
    assertThat(af.settings().sslProxyEngine()).isTrue();
  }

  @Test
  void balancerMemberOutsideProxySectionAndDefaults() throws Exception {
    Path main =
        write(
            "httpd.conf",
            "BalancerMember balancer://web https://w1:8443\n"
                + "ProxyPass /web balancer://web\n"
                + "ProxyPass /static !\n"
                + "ProxyPass /plain http://p1:8080/\n");
    List<LbMember> ms = HttpdConfigParser.parse(main, root);
    assertThat(ms).hasSize(2);
    LbMember w1 = only(ms, "w1");
    assertThat(w1.settings().sslProxyEngine()).isFalse();
    assertThat(w1.settings().verifyMode()).isEqualTo(Optional.empty());
    assertThat(w1.port()).isEqualTo(8443);
    assertThat(only(ms, "p1").https()).isFalse();
  }

  @Test
  void missingIncludeIsAnErrorButIncludeOptionalIsNot() throws Exception {
    Path main = write("httpd.conf", "Include conf.d/*.conf\n");
    assertThatThrownBy(() -> HttpdConfigParser.parse(main, root))
        .isInstanceOf(HttpdConfigException.class)
        .hasMessageContaining("matches no file");
  }

  @Test
  void unclosedSectionIsAnError() throws Exception {
    Path main = write("httpd.conf", "<VirtualHost *:80>\nProxyPass / https://a/\n");
    assertThatThrownBy(() -> HttpdConfigParser.parse(main, root))
        .isInstanceOf(HttpdConfigException.class);
  }

  private HttpdConfigParser.Result read(String text, HttpdOptions o) throws Exception {
    return HttpdConfigParser.read(write("httpd.conf", text), root, o);
  }

  private static HttpdOptions opts(Map<String, String> defines, String... modules) {
    return new HttpdOptions(defines, Set.of(modules), Map.of());
  }

  @Test
  void proxyPreserveHostInOneLocationAppliesOnlyThere() throws Exception {
    String conf =
        "SSLProxyEngine on\n"
            + "<VirtualHost *:443>\n"
            + "  <Proxy balancer://a>\n    BalancerMember https://a1:8443\n  </Proxy>\n"
            + "  <Proxy balancer://b>\n    BalancerMember https://b1:8443\n"
            + "    SSLProxyVerify require\n  </Proxy>\n"
            + "  <Location \"/x/\">\n    ProxyPreserveHost On\n  </Location>\n"
            + "  <Location /a/admin/>\n    ProxyPreserveHost On\n  </Location>\n"
            + "  ProxyPass /x/ balancer://a/\n"
            + "  ProxyPass /a/ balancer://a/\n"
            + "  ProxyPass /b/ balancer://b/\n"
            + "</VirtualHost>\n";
    List<LbMember> ms = read(conf, opts(Map.of())).members();
    assertThat(ms)
        .extracting(LbMember::route)
        .containsExactly(
            "/x/ -> balancer://a",
            "/a/ -> balancer://a",
            "/a/admin/ -> balancer://a",
            "/b/ -> balancer://b");
    assertThat(ms)
        .extracting(m -> m.settings().preserveHost())
        .containsExactly(true, false, true, false);
    assertThat(ms)
        .extracting(m -> m.settings().verify())
        .containsExactly(VerifyMode.NONE, VerifyMode.NONE, VerifyMode.NONE, VerifyMode.REQUIRE);
    assertThat(ms.get(0).context())
        .anyMatch(c -> c.contains("<Location /x/>") && c.contains("httpd.conf:"));
    assertThat(ms.get(3).context())
        .anyMatch(c -> c.startsWith("SSLProxyVerify require from <Proxy balancer://b>"));
  }

  @Test
  void sslProxyInsideLocationIsRefusedAsHttpdDoes() throws Exception {
    String conf = "<Location /x/>\n  SSLProxyVerify require\n</Location>\n";
    assertThatThrownBy(() -> read(conf, opts(Map.of())))
        .isInstanceOf(HttpdConfigException.class)
        .hasMessageContaining("httpd.conf:2")
        .hasMessageContaining("not allowed in <Location /x/>");
  }

  @Test
  void conditionalsAndDefinesAreEvaluated() throws Exception {
    String conf =
        "LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n"
            + "Define HUE1 hue1.example.com:8888\n"
            + "Define CHECK on\n"
            + "SSLProxyEngine on\n"
            + "<IfModule mod_proxy_hcheck.c>\n  SSLProxyCheckPeerName off\n</IfModule>\n"
            + "<IfModule ssl_module>\n  SSLProxyVerify require\n</IfModule>\n"
            + "<IfDefine HUE_LB_INSECURE>\n  SSLProxyVerify none\n</IfDefine>\n"
            + "<IfDefine !HUE_LB_INSECURE>\n  SSLProxyVerifyDepth ${DEPTH}\n</IfDefine>\n"
            + "SSLProxyCheckPeerCN ${CHECK}\n"
            + "BalancerMember balancer://hue \"https://${HUE1}\"\n";
    LbMember m = read(conf, opts(Map.of("DEPTH", "3"))).members().get(0);
    assertThat(m.url().toString()).isEqualTo("https://hue1.example.com:8888");
    assertThat(m.settings().checkPeerName()).isEqualTo(Flag.UNSET);
    assertThat(m.settings().verify()).isEqualTo(VerifyMode.REQUIRE);
    assertThat(m.settings().depth()).isEqualTo(3);
    assertThat(m.settings().checkPeerCn()).isEqualTo(Flag.ON);
    assertThat(m.assumptions()).isEmpty();
    LbMember insecure =
        read(conf, opts(Map.of("DEPTH", "3", "HUE_LB_INSECURE", ""))).members().get(0);
    assertThat(insecure.settings().verify()).isEqualTo(VerifyMode.NONE);
    assertThat(insecure.settings().depth()).isEqualTo(1);
  }

  @Test
  void unknownConditionsAreAssumptionsWithTheAlternativeSettings() throws Exception {
    String conf =
        "SSLProxyEngine on\n"
            + "<IfModule mod_ssl.c>\n  SSLProxyCheckPeerCN off\n</IfModule>\n"
            + "<If \"%{HTTP_HOST} == 'a'\">\n  ProxyPreserveHost On\n</If>\n"
            + "BalancerMember balancer://hue https://h1\n";
    LbMember m = read(conf, opts(Map.of())).members().get(0);
    assertThat(m.settings().checkPeerCn()).isEqualTo(Flag.OFF);
    assertThat(m.assumptions()).hasSize(2);
    assertThat(m.assumptions().get(0)).contains("<IfModule mod_ssl.c>").contains("no LoadModule");
    assertThat(m.alternative().checkPeerCn()).isEqualTo(Flag.UNSET);
    assertThat(m.alternative().preserveHost()).isFalse();
    LbMember known = read(conf, opts(Map.of(), "ssl")).members().get(0);
    assertThat(known.assumptions()).hasSize(1);
  }

  @Test
  void badValuesAndUndefinedVariablesAreMessagesWithFileAndLine() throws Exception {
    for (String bad :
        List.of(
            "SSLProxyVerify ${VERIFY}\n",
            "SSLProxyVerifyDepth ${DEPTH}\n",
            "SSLProxyVerify sometimes\n",
            "SSLProxyVerifyDepth -1\n",
            "SSLProxyVerifyDepth 2 3\n",
            "SSLProxyCheckPeerCN yes\n",
            "BalancerMember balancer://h \"https://${HUE1}\"\n",
            "BalancerMember balancer://h \"https://a b\"\n",
            "<IfModule ssl_module>\n",
            "</Location>\n")) {
      assertThatThrownBy(() -> read("# x\n" + bad, opts(Map.of())))
          .as(bad)
          .isInstanceOf(HttpdConfigException.class)
          .hasMessageContaining("httpd.conf:2");
    }
    assertThatThrownBy(() -> read("SSLProxyVerify ${VERIFY}\n", opts(Map.of())))
        .hasMessageContaining("${VERIFY}")
        .hasMessageContaining("--define");
  }

  /** httpd reads these with atoi and says nothing; lb-check warns (item 4 of issue 17). */
  @org.junit.jupiter.params.ParameterizedTest(name = "SSLProxyVerifyDepth {0} -> {1}, warns {2}")
  @org.junit.jupiter.params.provider.CsvSource({
    "2, 2, false",
    "10, 10, false",
    "0, 0, false",
    "2x, 2, true",
    "abc, 0, true",
    "1O, 1, true",
    "+2, 2, true",
    "99999999999, 1215752191, true"
  })
  void depthValuesThatLookLikeTyposAreReadAsHttpdAndWarnedAbout(
      String value, int depth, boolean warns) throws Exception {
    Path main =
        write(
            "httpd.conf",
            "SSLProxyEngine on\nSSLProxyVerifyDepth "
                + value
                + "\n<Proxy balancer://b>\n  BalancerMember https://m1:8443\n</Proxy>\n"
                + "ProxyPass / balancer://b/\n");
    HttpdConfigParser.Result r = HttpdConfigParser.read(main, root, HttpdOptions.defaults());
    assertThat(r.members().get(0).settings().depth()).isEqualTo(depth);
    if (warns) {
      assertThat(r.warnings())
          .singleElement()
          .asString()
          .contains("httpd.conf:2", "SSLProxyVerifyDepth " + value, "read by httpd as " + depth);
    } else {
      assertThat(r.warnings()).isEmpty();
    }
  }

  @Test
  void connectionFailuresNameTheAddress() {
    LbMember m =
        new LbMember(
            "s",
            "/",
            java.net.URI.create("https://nowhere.invalid:8443"),
            ProxyTlsSettings.defaults());
    assertThat(LbChecker.describe(m, new java.net.UnknownHostException("nowhere.invalid")))
        .contains("nowhere.invalid does not resolve");
    assertThat(LbChecker.describe(m, new java.net.ConnectException("Connection refused")))
        .contains("connection to nowhere.invalid:8443 refused");
  }
}
