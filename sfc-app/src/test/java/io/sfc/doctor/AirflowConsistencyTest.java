package io.sfc.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Check (f) over real airflow.cfg files. */
class AirflowConsistencyTest {
  @TempDir Path dir;

  Path cfg(String name, String db, String broker) throws IOException {
    String text = "[database]\nsql_alchemy_conn = " + db + "\n";
    if (broker != null) {
      text += "[celery]\nbroker_url = " + broker + "\n";
    }
    return Files.writeString(dir.resolve(name + ".cfg"), text);
  }

  List<Finding> check(Path... files) {
    Map<String, Path> masters = new LinkedHashMap<>();
    for (int i = 0; i < files.length; i++) {
      masters.put("m" + (i + 1), files[i]);
    }
    return new AirflowConsistency(Map.of()).check(masters);
  }

  @Test
  void sameUrlsPassWithThePasswordMasked() throws IOException {
    String db = "mysql+pymysql://airflow:Secr3t@db.internal/airflow";
    String broker = "redis://:brokerpw@redis.internal:6379/0";
    List<Finding> f = check(cfg("a", db, broker), cfg("b", db, broker));

    assertThat(f).extracting(Finding::status).containsOnly(Finding.Status.PASS);
    assertThat(f.get(0).detail())
        .isEqualTo("the same on every master: mysql+pymysql://airflow:***@db.internal/airflow");
    assertThat(f.get(1).detail()).contains("redis://:***@redis.internal:6379/0");
    assertThat(f.toString()).doesNotContain("Secr3t").doesNotContain("brokerpw");
  }

  @Test
  void differentDatabasesAndBrokersFailAndNameEachMaster() throws IOException {
    List<Finding> f =
        check(
            cfg("a", "postgresql://af:pw1@pg1/airflow", "amqp://u:p@rabbit1//"),
            cfg("b", "postgresql://af:pw1@pg2/airflow", "amqp://u:p@rabbit1//"),
            cfg("c", "postgresql://af:pw2@pg1/airflow", null));

    Finding db = f.get(0);
    assertThat(db.status()).isEqualTo(Finding.Status.FAIL);
    assertThat(db.check()).isEqualTo(AirflowConsistency.DB);
    assertThat(db.detail())
        .isEqualTo(
            "differ: m1 = postgresql://af:***@pg1/airflow; m2 = postgresql://af:***@pg2/airflow;"
                + " m3 = postgresql://af:***@pg1/airflow");
    Finding broker = f.get(1);
    assertThat(broker.status()).isEqualTo(Finding.Status.FAIL);
    assertThat(broker.detail()).contains("m3 = (not set)");
    assertThat(f.toString()).doesNotContain("pw1").doesNotContain("pw2");
  }

  @Test
  void urlsThatDifferOnlyInThePasswordSaySoWithoutShowingIt() throws IOException {
    List<Finding> f =
        check(
            cfg("a", "mysql://af:old@db/airflow", null),
            cfg("b", "mysql://af:new@db/airflow", null));

    assertThat(f).hasSize(1);
    assertThat(f.get(0).detail()).startsWith("differ only in the password:");
    assertThat(f.get(0).detail()).doesNotContain("old").doesNotContain("new");
  }

  @Test
  void cmdVariantsAreHonouredAndAnUnreadableFileFails() throws IOException {
    Path a = cfg("a", "mysql://af:pw@db/airflow", null);
    Path b =
        Files.writeString(
            dir.resolve("b.cfg"),
            "[database]\nsql_alchemy_conn_cmd = echo mysql://af:pw@db/airflow\n");
    assertThat(check(a, b)).extracting(Finding::status).containsOnly(Finding.Status.PASS);

    List<Finding> f = check(a, dir.resolve("missing.cfg"));
    assertThat(f.get(0).status()).isEqualTo(Finding.Status.FAIL);
    assertThat(f.get(0).detail()).startsWith("cannot read");
  }

  @Test
  void maskingCoversUserInfoAndPasswordOptions() {
    assertThat(MaskedUrl.of("postgresql://u:p%40ss@h:5432/d?password=x&sslmode=require"))
        .isEqualTo("postgresql://u:***@h:5432/d?password=***&sslmode=require");
    assertThat(MaskedUrl.of("redis://redis:6379/0")).isEqualTo("redis://redis:6379/0");
  }
}
