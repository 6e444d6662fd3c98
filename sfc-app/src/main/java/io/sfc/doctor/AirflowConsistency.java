package io.sfc.doctor;

import io.sfc.airflow.AirflowCfg;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * All masters must use the same Airflow metadata database and the same Celery broker: a master on
 * another database schedules a second copy of every DAG, one on another broker sends tasks nobody
 * runs. Reads one airflow.cfg per master (with Airflow's environment overrides and _cmd variants).
 */
public final class AirflowConsistency {
  static final String DB = "airflow db url";
  static final String BROKER = "airflow broker url";
  private static final String NOT_SET = "(not set)";

  private final Map<String, String> env;

  /**
   * @param env the environment the files are read with ({@code AIRFLOW__...} overrides)
   */
  public AirflowConsistency(Map<String, String> env) {
    this.env = env;
  }

  /** Findings for the metadata database URL and the broker URL across {@code masters}. */
  public List<Finding> check(Map<String, Path> masters) {
    Map<String, String> db = new LinkedHashMap<>();
    Map<String, String> broker = new LinkedHashMap<>();
    List<Finding> out = new ArrayList<>();
    masters.forEach(
        (id, file) -> {
          try {
            AirflowCfg cfg = AirflowCfg.read(file, env);
            db.put(id, dbUrl(cfg).orElse(NOT_SET));
            broker.put(id, cfg.get("celery", "broker_url").orElse(NOT_SET));
          } catch (IOException | IllegalArgumentException e) {
            out.add(unreadable(id, file, e));
          }
        });
    out.add(compare(DB, db, "set [database] sql_alchemy_conn ([core] before Airflow 2.3)"));
    if (broker.values().stream().anyMatch(v -> !v.equals(NOT_SET))) {
      out.add(compare(BROKER, broker, "set [celery] broker_url"));
    }
    if (masters.size() == 1) {
      out.add(
          Finding.warn(
              DB,
              String.join(", ", masters.keySet()),
              "only one airflow.cfg given: nothing to compare it with",
              "pass --master-airflow-cfg ID=FILE once per master (copies of their files)"));
    }
    return out;
  }

  private static Optional<String> dbUrl(AirflowCfg cfg) {
    Optional<String> v = cfg.get("database", "sql_alchemy_conn");
    return v.isPresent() ? v : cfg.get("core", "sql_alchemy_conn");
  }

  private static Finding unreadable(String id, Path file, Exception e) {
    return Finding.fail(
        DB,
        id + " " + file,
        "cannot read: " + MaskedUrl.of(HttpProbe.why(e)),
        "pass a readable copy of that master's airflow.cfg");
  }

  private static Finding compare(String check, Map<String, String> urls, String setIt) {
    String subject = String.join(", ", urls.keySet());
    if (urls.isEmpty()) {
      return Finding.warn(check, "-", "no airflow.cfg could be read", "fix the files above");
    }
    if (urls.values().stream().distinct().count() == 1) {
      String v = urls.values().iterator().next();
      if (v.equals(NOT_SET)) {
        return Finding.fail(check, subject, "not set on any master", setIt);
      }
      return Finding.pass(check, subject, "the same on every master: " + MaskedUrl.of(v));
    }
    return Finding.fail(
        check, subject, differences(urls), "use one value on every master; " + setIt);
  }

  private static String differences(Map<String, String> urls) {
    Map<String, String> masked = new LinkedHashMap<>();
    urls.forEach((id, v) -> masked.put(id, MaskedUrl.of(v)));
    String listed =
        masked.entrySet().stream()
            .map(e -> e.getKey() + " = " + e.getValue())
            .collect(Collectors.joining("; "));
    boolean onlyPasswords = masked.values().stream().distinct().count() == 1;
    return "differ" + (onlyPasswords ? " only in the password" : "") + ": " + listed;
  }
}
