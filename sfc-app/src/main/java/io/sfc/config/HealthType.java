package io.sfc.config;

import io.sfc.health.CheckSettings;
import io.sfc.health.ProcessCheck;
import io.sfc.reader.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/** The health check types: each owns its YAML name, its own keys and how they are read. */
public enum HealthType {
  PROCESS("process", List.of(), (s, timeout) -> new ProcessCheck.Settings()),
  HTTP("http", List.of("url", "expect_status", "body_contains"), HealthBinder::http),
  TCP("tcp", List.of("host", "port"), HealthBinder::tcp),
  COMMAND("command", List.of("command"), HealthBinder::command),
  AIRFLOW_HEARTBEAT(
      "airflow-heartbeat",
      List.of("url", "user", "password", "hostname", "max_age"),
      HealthBinder::airflow);

  /** The keys every check may have. */
  static final List<String> COMMON =
      List.of("type", "name", "interval", "timeout", "failure_threshold", "start_grace");

  /** The YAML names, in the order messages list them. */
  static final List<String> NAMES = Arrays.stream(values()).map(HealthType::toString).toList();

  private final String yamlName;
  private final List<String> keys;
  private final BiFunction<Section, Duration, CheckSettings> reader;

  HealthType(
      String yamlName, List<String> keys, BiFunction<Section, Duration, CheckSettings> reader) {
    this.yamlName = yamlName;
    this.keys = keys;
    this.reader = reader;
  }

  /**
   * True for the check that polls this machine's {@code /proc} for the service's process: it does
   * not apply to a service on another host, whose exit the shim reports at once.
   */
  public boolean polls() {
    return this == PROCESS;
  }

  /** The type written as {@code name}, or null. */
  static HealthType named(String name) {
    return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst().orElse(null);
  }

  /** The keys allowed in a check of {@code type} (the common ones when it is unknown). */
  static List<String> keysOf(HealthType type) {
    List<String> keys = new ArrayList<>(COMMON);
    keys.addAll(type == null ? List.of() : type.keys);
    return keys;
  }

  /** Reads the type's own keys; the settings are not used after a problem was reported. */
  CheckSettings read(Section s, Duration timeout) {
    return reader.apply(s, timeout);
  }

  /** The YAML name, e.g. {@code airflow-heartbeat}. */
  @Override
  public String toString() {
    return yamlName;
  }
}
