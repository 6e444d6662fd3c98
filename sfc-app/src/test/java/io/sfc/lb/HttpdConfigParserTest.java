package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.lb.ProxyTlsSettings.Flag;
import io.sfc.lb.ProxyTlsSettings.VerifyMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
}
