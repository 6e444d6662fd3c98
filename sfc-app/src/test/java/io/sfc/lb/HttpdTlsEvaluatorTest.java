package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.lb.ProxyTlsSettings.Flag;
import io.sfc.lb.ProxyTlsSettings.VerifyMode;
import io.sfc.lb.TestPki.Issued;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpdTlsEvaluatorTest {
  static final Issued ROOT = TestPki.ca("Test Root", null);
  static final Issued INTER = TestPki.ca("Test Intermediate", ROOT);
  static final Issued OTHER_ROOT = TestPki.ca("Other Root", null);

  static final ProxyTlsSettings DEFAULTS = ProxyTlsSettings.defaults();
  static final ProxyTlsSettings STRICT = DEFAULTS.withVerify(VerifyMode.REQUIRE);

  private static Verdict eval(ProxyTlsSettings s, String name, X509Certificate... chain) {
    return HttpdTlsEvaluator.evaluate(List.of(chain), List.of(ROOT.cert()), s, name, Instant.now());
  }

  private static ProxyTlsSettings with(Flag cn, Flag name) {
    return new ProxyTlsSettings(
        true, Optional.empty(), Optional.empty(), null, null, cn, name, Flag.UNSET, false);
  }

  @Test
  void goodLeafPassesStrict() {
    Issued leaf = TestPki.leaf("CN=hue1.example.com", ROOT, List.of("hue1.example.com"), List.of());
    assertThat(eval(STRICT, "hue1.example.com", leaf.cert()).pass()).isTrue();
  }

  @Test
  void cnIsUsedEvenWhenDnsSansExist() {
    Issued leaf =
        TestPki.leaf("CN=hue1.example.com", ROOT, List.of("other.example.com"), List.of());
    assertThat(eval(STRICT, "hue1.example.com", leaf.cert()).pass()).isTrue();
  }

  @Test
  void wrongNameFailsWithAh02411AndWorkaroundHelps() {
    Issued leaf = TestPki.leaf("CN=wrong.example.com", ROOT, List.of(), List.of());
    Verdict v = eval(STRICT, "hue1.example.com", leaf.cert());
    assertThat(v.pass()).isFalse();
    assertThat(v.codesAt("info")).contains("AH02411");
    assertThat(v.codesAt("warn")).doesNotContain("AH02411");
    assertThat(v.workaroundHelps()).isTrue();
    assertThat(v.fixes()).anyMatch(f -> f.contains("DNS:hue1.example.com"));
  }

  @Test
  void ipSansAreIgnored() {
    Issued leaf = TestPki.leaf("CN=hue1", ROOT, List.of("hue1.example.com"), List.of("127.0.0.1"));
    assertThat(eval(DEFAULTS, "127.0.0.1", leaf.cert()).pass()).isFalse();
  }

  @Test
  void wildcardMatchesOneLabel() {
    Issued leaf = TestPki.leaf("CN=x", ROOT, List.of("*.example.com"), List.of());
    assertThat(eval(DEFAULTS, "hue1.example.com", leaf.cert()).pass()).isTrue();
    assertThat(eval(DEFAULTS, "a.hue1.example.com", leaf.cert()).pass()).isFalse();
  }

  @Test
  void cnOffAloneDisablesNameChecks() {
    Issued leaf = TestPki.leaf("CN=wrong", ROOT, List.of(), List.of());
    assertThat(eval(with(Flag.OFF, Flag.UNSET), "hue1", leaf.cert()).pass()).isTrue();
    assertThat(eval(with(Flag.OFF, Flag.ON), "hue1", leaf.cert()).pass()).isFalse();
  }

  @Test
  void nameOffWithCnOnChecksOnlyTheCn() {
    Issued leaf = TestPki.leaf("CN=wrong", ROOT, List.of("hue1"), List.of());
    Verdict v = eval(with(Flag.ON, Flag.OFF), "hue1", leaf.cert());
    assertThat(v.pass()).isFalse();
    assertThat(v.codesAt("info")).contains("AH02005");
  }

  @Test
  void selfSignedPassesDefaultsButNotStrict() {
    Issued self =
        TestPki.issue("CN=hue1", null, false, List.of("hue1"), List.of(), TestPki.validNow());
    assertThat(eval(DEFAULTS, "hue1", self.cert()).pass()).isTrue();
    Verdict v = eval(STRICT, "hue1", self.cert());
    assertThat(v.pass()).isFalse();
    assertThat(v.codesAt("warn")).contains("AH02039").doesNotContain("AH02276");
    assertThat(v.codesAt("info")).contains("AH02276").doesNotContain("AH02039");
    assertThat(v.workaroundHelps()).isFalse();
  }

  @Test
  void expiredFailsEvenWithVerifyNone() {
    Issued leaf = TestPki.leaf("CN=hue1", ROOT, List.of("hue1"), List.of(), TestPki.expired());
    Verdict v = eval(DEFAULTS, "hue1", leaf.cert());
    assertThat(v.pass()).isFalse();
    assertThat(v.codesAt("info")).contains("AH02004");
    assertThat(v.workaroundHelps()).isFalse();
    assertThat(v.fixes()).anyMatch(f -> f.contains("expired on"));
  }

  @Test
  void intermediateNeedsDepthTwo() {
    Issued leaf = TestPki.leaf("CN=hue1", INTER, List.of("hue1"), List.of());
    Verdict v = eval(STRICT, "hue1", leaf.cert(), INTER.cert());
    assertThat(v.pass()).isFalse();
    assertThat(v.codesAt("warn")).contains("AH02040");
    assertThat(v.fixes()).anyMatch(f -> f.contains("SSLProxyVerifyDepth to 2"));
    assertThat(eval(STRICT.withDepth(2), "hue1", leaf.cert(), INTER.cert()).pass()).isTrue();
  }

  @Test
  void missingIntermediateFailsAtAnyDepth() {
    Issued leaf = TestPki.leaf("CN=hue1", INTER, List.of("hue1"), List.of());
    Verdict v = eval(STRICT.withDepth(5), "hue1", leaf.cert());
    assertThat(v.pass()).isFalse();
    assertThat(v.causes().get(0)).contains("unable to get local issuer certificate");
  }

  @Test
  void unknownCaFailsStrict() {
    Issued leaf = TestPki.leaf("CN=hue1", OTHER_ROOT, List.of("hue1"), List.of());
    assertThat(eval(STRICT, "hue1", leaf.cert()).pass()).isFalse();
    assertThat(eval(DEFAULTS, "hue1", leaf.cert()).pass()).isTrue();
  }

  @Test
  void intermediateAloneInTheCaFileIsNotAnAnchor() {
    Issued leaf = TestPki.leaf("CN=hue1", INTER, List.of("hue1"), List.of());
    Verdict v =
        HttpdTlsEvaluator.evaluate(
            List.of(leaf.cert(), INTER.cert()),
            List.of(INTER.cert()),
            STRICT.withDepth(5),
            "hue1",
            Instant.now());
    assertThat(v.pass()).isFalse();
    assertThat(v.causes().get(0)).contains("(2)", "unable to get issuer certificate");
    assertThat(v.fixes()).anyMatch(f -> f.contains("add the root CA"));
  }
}
