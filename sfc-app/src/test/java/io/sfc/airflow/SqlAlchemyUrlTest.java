package io.sfc.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlAlchemyUrlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "mysql://airflow:s3cret@db.example.com:3307/airflow|jdbc:mariadb://db.example.com:3307/airflow|airflow|s3cret",
        "mysql+mysqldb://u:p@db/af?charset=utf8|jdbc:mariadb://db:3306/af|u|p",
        "mysql+pymysql://u:p%40ss%2Fw@10.0.0.5/af|jdbc:mariadb://10.0.0.5:3306/af|u|p@ss/w",
        "mysql://u:p@db/af?ssl_ca=/etc/ca.pem|jdbc:mariadb://db:3306/af?sslMode=verify-full&serverSslCert=/etc/ca.pem|u|p",
        "postgresql://u:p@pg:5433/airflow|jdbc:postgresql://pg:5433/airflow|u|p",
        "postgresql+psycopg2://u:p@pg/airflow?sslmode=require|jdbc:postgresql://pg:5432/airflow?sslmode=require|u|p",
        "postgres://u@[::1]/af|jdbc:postgresql://[::1]:5432/af|u|",
      })
  void translates(String url, String jdbc, String user, String password) {
    SqlAlchemyUrl u = SqlAlchemyUrl.parse(url);
    assertThat(u.jdbcUrl()).isEqualTo(jdbc);
    assertThat(u.user()).isEqualTo(user);
    assertThat(u.password()).isEqualTo(password);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mysql://u:p@db/af?charset=utf8", "postgresql://u@h/d?weird=1"})
  void explainsWhatItDrops(String url) {
    assertThat(SqlAlchemyUrl.parse(url).notes()).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sqlite:////home/af/airflow.db|cannot coordinate several masters",
        "mssql+pyodbc://u:p@h/d|unsupported database 'mssql'",
        "not a url|not a SQLAlchemy URL",
      })
  void rejectsWithTheReason(String url, String reason) {
    assertThatThrownBy(() -> SqlAlchemyUrl.parse(url)).hasMessageContaining(reason);
  }
}
