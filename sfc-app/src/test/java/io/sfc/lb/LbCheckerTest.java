package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.lb.TestPki.Issued;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LbCheckerTest {
  static final Issued ROOT = TestPki.ca("Checker Root", null);
  static final Issued LEAF =
      TestPki.leaf("CN=hue1.example.com", ROOT, List.of("hue1.example.com"), List.of());

  final List<String> snis = new ArrayList<>();
  final LbChecker checker =
      new LbChecker(
          (host, port, sni) -> {
            snis.add(sni);
            return List.<X509Certificate>of(LEAF.cert());
          },
          Clock.systemUTC());

  private static LbMember member(boolean engine, boolean preserveHost) {
    ProxyTlsSettings d = ProxyTlsSettings.defaults();
    return new LbMember(
        "test",
        "/",
        URI.create("https://hue1.example.com:8888"),
        new ProxyTlsSettings(
            engine,
            Optional.empty(),
            Optional.empty(),
            null,
            null,
            d.checkPeerCn(),
            d.checkPeerName(),
            d.checkPeerExpire(),
            preserveHost));
  }

  @Test
  void checksTheMemberHostAndSendsItAsSni() {
    MemberReport r = checker.check(member(true, false), "lb.example.com");
    assertThat(r.pass()).isTrue();
    assertThat(r.checkedName()).isEqualTo("hue1.example.com");
    assertThat(snis).containsExactly("hue1.example.com");
  }

  @Test
  void preserveHostChecksTheClientsHost() {
    MemberReport r = checker.check(member(true, true), "lb.example.com");
    assertThat(r.pass()).isFalse();
    assertThat(r.checkedName()).isEqualTo("lb.example.com");
    assertThat(r.verdict().fixes()).anyMatch(f -> f.contains("ProxyPreserveHost On"));
    assertThat(snis).containsExactly("lb.example.com");
  }

  @Test
  void preserveHostWithoutAClientHostCannotBeJudged() {
    MemberReport r = checker.check(member(true, true), null);
    assertThat(r.pass()).isFalse();
    assertThat(r.error()).contains("--client-host");
    assertThat(snis).isEmpty();
  }

  @Test
  void httpsMemberWithoutSslProxyEngineFails() {
    MemberReport r = checker.check(member(false, false), null);
    assertThat(r.pass()).isFalse();
    assertThat(r.error()).contains("SSLProxyEngine");
  }
}
