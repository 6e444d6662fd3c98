package io.sfc.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          jdbc:mariadb://sfc:Hunter2x@db:3306/sfc              | jdbc:mariadb://sfc:***@db:3306/sfc
          jdbc:mariadb://db:3306/sfc?user=sfc&password=Hunter2x | jdbc:mariadb://db:3306/sfc?user=sfc&password=***
          jdbc:postgresql://db/sfc?password=Hunter2x&ssl=true  | jdbc:postgresql://db/sfc?password=***&ssl=true
          jdbc:h2:tcp://h/x;USER=sa;PASSWORD=Hunter2x;X=1      | jdbc:h2:tcp://h/x;USER=sa;PASSWORD=***;X=1
          postgresql+psycopg2://airflow:Hunter2x@db/airflow    | postgresql+psycopg2://airflow:***@db/airflow
          https://bot:Hunter2x@hooks.example.org/sfc           | https://bot:***@hooks.example.org/sfc
          https://hooks.example.org/sfc?token=Hunter2x         | https://hooks.example.org/sfc?token=***
          cannot open mysql://u:Hunter2x@h/db (refused)        | cannot open mysql://u:***@h/db (refused)
          http://127.0.0.1:8080/health                         | http://127.0.0.1:8080/health
          jdbc:mariadb://db:3306/sfc                           | jdbc:mariadb://db:3306/sfc
          """)
  void masksPasswordsInUrls(String in, String out) {
    assertThat(Secrets.mask(in)).isEqualTo(out);
  }

  @Test
  void masksRememberedValuesEverywhere() {
    Secrets.remember("Zq9-remembered-secret");
    Secrets.remember("ab");
    assertThat(Secrets.mask("{\"msg\":\"login Zq9-remembered-secret failed\",\"x\":\"ab\"}"))
        .isEqualTo("{\"msg\":\"login *** failed\",\"x\":\"ab\"}");
  }
}
