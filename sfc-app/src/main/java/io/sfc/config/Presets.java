package io.sfc.config;

import io.sfc.core.model.HealthCheckSpec;
import io.sfc.core.model.Timings;
import io.sfc.health.HttpCheck;
import io.sfc.health.ProcessCheck;
import io.sfc.reader.Section;
import io.sfc.reader.Suggest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Built-in service presets ({@code services[i].preset}): default command, environment, stop signal,
 * stop timeout and health checks for well-known singleton daemons. Every key the service writes
 * itself overrides the preset's value for that key.
 */
final class Presets {

  static final String AIRFLOW = "airflow-scheduler";
  static final String BEAT = "celery-beat";
  static final List<String> NAMES = List.of(AIRFLOW, BEAT);

  /** Keys that only a service with this preset may use. */
  static final Map<String, List<String>> OWN_KEYS =
      Map.of(AIRFLOW, List.of(), BEAT, List.of("celery_app", "beat_schedule"));

  /** Airflow's scheduler health server, enabled by the preset through its environment. */
  static final URI AIRFLOW_HEALTH = URI.create("http://127.0.0.1:8974/health");

  static final Duration AIRFLOW_GRACE = Duration.ofMinutes(2);

  /**
   * The planned stop timeout of a preset (time to finish the scheduling loop), and the longest
   * deadline stop timeout it asks for when the lease leaves room for it.
   */
  static final Duration MAX_STOP = Duration.ofSeconds(30);

  /** What a preset supplies; null fields supply nothing. */
  record Preset(
      List<String> command,
      Map<String, String> env,
      String signal,
      Stops stops,
      List<HealthConfig> health,
      List<String> stateFiles) {
    static final Preset NONE = new Preset(null, Map.of(), null, null, null, List.of());
  }

  /**
   * The stop timeouts of a preset.
   *
   * @param planned for planned stops
   * @param deadline for deadline stops, within the safety rule
   */
  record Stops(Duration planned, Duration deadline) {}

  private Presets() {}

  /**
   * The keys allowed in a service entry: the common ones, {@code preset} and every preset's own
   * keys; {@link #bind} reports a preset's key used without that preset.
   */
  static List<String> keys(List<String> common) {
    List<String> keys = new ArrayList<>(common);
    keys.add("preset");
    NAMES.forEach(n -> keys.addAll(OWN_KEYS.get(n)));
    return keys;
  }

  /**
   * The preset named by {@code service.preset}; {@link Preset#NONE} when there is none or after
   * reporting a problem.
   *
   * @param timings the cluster's timings, or null when they are bad
   * @param defaults the cluster's stop timeouts (the built-in ones when the timings are bad)
   */
  static Preset bind(Section service, Timings timings, Timings defaults) {
    String name = service.string("preset");
    if (misplacedKeys(service, name) || name == null) {
      return Preset.NONE;
    }
    Stops stop = stops(timings, defaults);
    return switch (name) {
      case AIRFLOW -> airflowScheduler(stop);
      case BEAT -> celeryBeat(service, stop);
      default -> unknown(service, name);
    };
  }

  /**
   * Reports keys of a preset other than {@code name} (none when {@code name} is unknown, which is
   * reported on its own); true when there were any.
   */
  private static boolean misplacedKeys(Section service, String name) {
    if (name != null && !NAMES.contains(name)) {
      return false;
    }
    boolean any = false;
    for (String preset : NAMES) {
      for (String key : preset.equals(name) ? List.<String>of() : OWN_KEYS.get(preset)) {
        if (service.node().entries().containsKey(key)) {
          service.report(
              key, "is used only with preset: " + preset + "; remove it or set that preset");
          any = true;
        }
      }
    }
    return any;
  }

  private static Preset unknown(Section service, String name) {
    String close = Suggest.closest(name, NAMES);
    service.report(
        "preset",
        "'"
            + name
            + "' is not a preset; "
            + (close == null ? "" : "did you mean " + close + "? ")
            + "use one of "
            + String.join(", ", NAMES)
            + ", or leave preset out and give command:");
    return Preset.NONE;
  }

  /**
   * A preset's stop timeouts: {@link #MAX_STOP} for planned stops (never less than the cluster's
   * {@code stop_timeout}), and for deadline stops the largest whole number of seconds that keeps
   * the safety rule.
   */
  static Stops stops(Timings timings, Timings defaults) {
    Duration planned = max(MAX_STOP, defaults.stopTimeout());
    return new Stops(planned, deadlineStopTimeout(timings, defaults.deadlineStopTimeout()));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * The largest whole number of seconds that keeps {@code renew_deadline + deadline_stop_timeout +
   * safety_margin < lease_ttl}, at most {@link #MAX_STOP}, and never less than the configured
   * default (which the timing rule has already checked).
   */
  static Duration deadlineStopTimeout(Timings timings, Duration defaultStop) {
    if (timings == null) {
      return defaultStop;
    }
    Duration budget =
        timings.leaseTtl().minus(timings.renewDeadline()).minus(timings.safetyMargin());
    Duration fits = Duration.ofSeconds((budget.toMillis() - 1) / 1000);
    Duration stop = fits.compareTo(MAX_STOP) > 0 ? MAX_STOP : fits;
    return stop.compareTo(defaultStop) > 0 ? stop : defaultStop;
  }

  private static Preset airflowScheduler(Stops stop) {
    HealthCheckSpec spec =
        new HealthCheckSpec(
            "scheduler-health-server",
            HealthBinder.INTERVAL,
            HealthBinder.TIMEOUT,
            HealthBinder.THRESHOLD,
            AIRFLOW_GRACE);
    HttpCheck.Settings http =
        new HttpCheck.Settings(AIRFLOW_HEALTH, Set.of(200), null, HealthBinder.TIMEOUT);
    HealthConfig check = new HealthConfig(HealthType.HTTP, spec, http);
    return new Preset(
        List.of("airflow", "scheduler"),
        Map.of("AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK", "True"),
        "TERM",
        stop,
        List.of(check),
        List.of());
  }

  private static Preset celeryBeat(Section service, Stops stop) {
    String app =
        service.requiredString(
            "celery_app",
            "give the Celery application that celery -A takes, e.g. celery_app: proj.celery");
    boolean ok = app != null && !app.isBlank() && app.chars().noneMatch(Character::isWhitespace);
    if (app != null && !ok) {
      service.report(
          "celery_app", "'" + app + "' is not a module name; write e.g. celery_app: proj.celery");
    }
    if (!ok) {
      return Preset.NONE;
    }
    String schedule = service.string("beat_schedule");
    List<String> command =
        BeatLauncher.command(app, schedule == null ? BeatLauncher.DEFAULT_SCHEDULE : schedule);
    String file = schedule == null ? BeatLauncher.DEFAULT_SCHEDULE : schedule;
    return new Preset(
        command, Map.of(), "TERM", stop, List.of(processCheck()), BeatLauncher.storeFiles(file));
  }

  /**
   * Every 2 s, no start grace (a stopped process is stopped from its first turn): a beat stopped or
   * a zombie for 4-6 s is unhealthy.
   */
  private static HealthConfig processCheck() {
    HealthCheckSpec spec =
        new HealthCheckSpec(
            "process",
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            HealthBinder.THRESHOLD,
            Duration.ZERO);
    return new HealthConfig(HealthType.PROCESS, spec, new ProcessCheck.Settings());
  }
}
