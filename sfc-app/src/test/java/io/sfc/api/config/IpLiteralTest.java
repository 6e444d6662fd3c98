package io.sfc.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code api.bind} is checked as text, without {@code InetAddress} (no lookup while binding). */
class IpLiteralTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "127.0.0.1, true",
    "0.0.0.0, true",
    "255.255.255.255, true",
    "10.0.0.1, true",
    "::1, true",
    "::, true",
    "0:0:0:0:0:0:0:1, true",
    "fe80::1:2, true",
    "2001:db8::8a2e:370:7334, true",
    "::ffff:192.0.2.1, true",
    "256.0.0.1, false",
    "1.2.3, false",
    "1.2.3.4.5, false",
    "localhost, false",
    "example.org, false",
    "1::2::3, false",
    "1:2:3:4:5:6:7:8:9, false",
    "1:2:3:4:5:6:7, false",
    "12345::1, false",
    "'', false",
    "192.0.2.1:80, false"
  })
  void acceptsOnlyAddressLiterals(String text, boolean valid) {
    assertThat(IpLiteral.valid(text)).isEqualTo(valid);
  }
}
