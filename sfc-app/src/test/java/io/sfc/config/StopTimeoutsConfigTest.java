package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sfc.core.model.ServiceSpec;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two stop timeouts of a service: {@code stop_timeout} for planned stops and {@code
 * deadline_stop_timeout} for deadline stops, which the safety rule bounds. While no {@code
 * deadline_stop_timeout} is written, a written {@code stop_timeout} serves both paths, with the
 * safety meaning it had before the split.
 */
class StopTimeoutsConfigTest {

  private static SfcConfig parse(String rest) throws ConfigException {
    return OneNodeConfig.parse(rest);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          nothing written: the defaults                  | {}                                           | {name: s, command: [x]}                                                | 2s  | 2s
          old timings.stop_timeout serves both           | {lease_ttl: 20s, stop_timeout: 7s}           | {name: s, command: [x]}                                                | 7s  | 7s
          old service stop_timeout serves both           | {}                                           | {name: s, command: [x], stop_timeout: 2500ms}                          | 2.5s | 2.5s
          timings deadline: service stop_timeout planned | {deadline_stop_timeout: 1s}                  | {name: s, command: [x], stop_timeout: 60s}                             | 60s | 1s
          both in timings                                | {stop_timeout: 45s, deadline_stop_timeout: 2s} | {name: s, command: [x]}                                              | 45s | 2s
          both in the service                            | {}                                           | {name: s, command: [x], stop_timeout: 60s, deadline_stop_timeout: 500ms} | 60s | 0.5s
          service deadline over the timings one         | {deadline_stop_timeout: 1s}                  | {name: s, command: [x], deadline_stop_timeout: 2s}                     | 2s  | 2s
          preset: planned generous, deadline fits       | {deadline_stop_timeout: 1s}                  | {name: s, preset: airflow-scheduler}                                   | 30s | 2s
          """)
  void resolves(String name, String timings, String service, String planned, String deadline)
      throws Exception {
    ServiceSpec s =
        parse("timings: " + timings + "\nservices: [" + service + "]\n").services().get(0);
    assertThat(s.stopTimeout()).as("stop_timeout").isEqualTo(duration(planned));
    assertThat(s.deadlineStopTimeout()).as("deadline_stop_timeout").isEqualTo(duration(deadline));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          old stop_timeout: the rule and how to split       | {stop_timeout: 5s}                             | {name: s, command: [x]} | timings.renew_deadline: | "renew_deadline (6s) + stop_timeout (5s) + safety_margin (1s) = 12s must be less than lease_ttl (10s), or a stalled holder could still run its service when another node acquires the lease; raise lease_ttl above 12s or lower the others (this bounds stop_timeout only while no deadline_stop_timeout is set: give deadline_stop_timeout a value that fits, and stop_timeout may then be as long as planned stops need)"
          timings deadline too long                         | {stop_timeout: 60s, deadline_stop_timeout: 4s} | {name: s, command: [x]} | timings.renew_deadline: | "renew_deadline (6s) + deadline_stop_timeout (4s) + safety_margin (1s) = 11s must be less than lease_ttl (10s), or a stalled holder could still run its service when another node acquires the lease; raise lease_ttl above 11s or lower the others (line"
          service deadline too long                         | {}                                             | {name: s, command: [x], stop_timeout: 60s, deadline_stop_timeout: 5s} | services[0].deadline_stop_timeout: | "for this service, renew_deadline (6s) + deadline_stop_timeout (5s) + safety_margin (1s) = 12s must be less than lease_ttl (10s)"
          old service stop_timeout too long                 | {}                                             | {name: s, command: [x], stop_timeout: 60s} | services[0].stop_timeout: | "for this service, renew_deadline (6s) + stop_timeout (1m) + safety_margin (1s) = 67s must be less than lease_ttl (10s)"
          """)
  void rejects(String name, String timings, String service, String key, String message) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> parse("timings: " + timings + "\nservices: [" + service + "]\n"));
    assertThat(e).as(name).isNotNull();
    assertThat(e.problems()).hasSize(1);
    assertThat(e.getMessage()).contains(key + " " + message);
  }

  private static Duration duration(String s) {
    return s.endsWith("ms")
        ? Duration.ofMillis(Long.parseLong(s.replace("ms", "")))
        : Duration.ofMillis((long) (Double.parseDouble(s.replace("s", "")) * 1000));
  }
}
