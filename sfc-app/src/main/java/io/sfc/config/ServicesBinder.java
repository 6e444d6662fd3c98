package io.sfc.config;

import io.sfc.config.Presets.Preset;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StateFiles;
import io.sfc.core.model.Timings;
import io.sfc.reader.Node;
import io.sfc.reader.Problems;
import io.sfc.reader.Section;
import io.sfc.reader.Suggest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code services:} list into {@link ServiceSpec}s. */
final class ServicesBinder {

  static final List<String> KEYS = keys();
  static final List<String> RESTART_KEYS =
      List.of("backoff_initial", "backoff_max", "max_restarts", "window", "cooldown");
  static final List<String> SIGNALS = List.of("TERM", "INT", "QUIT", "HUP", "KILL", "USR1", "USR2");

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    keys.addAll(
        List.of(
            "name",
            "command",
            "working_dir",
            "env",
            "env_passthrough",
            "stop_signal",
            "stop_timeout",
            "deadline_stop_timeout",
            "restart",
            "health",
            EligibleBinder.KEY));
    keys.addAll(RunnerBinder.KEYS);
    keys.addAll(StateBinder.KEYS);
    return List.copyOf(keys);
  }

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String EXAMPLE =
      "a list with one entry per service, e.g. services: [{name: scheduler, command: [airflow,"
          + " scheduler]}]";

  private final TimingsBinder timings;
  private final List<NodeSpec> nodes;
  private final Map<String, String> names = new HashMap<>();

  private ServicesBinder(TimingsBinder timings, List<NodeSpec> nodes) {
    this.timings = timings;
    this.nodes = nodes;
  }

  /**
   * Reads the list, one entry per item; problems are reported, and a bad entry has no spec.
   *
   * @param timings the cluster's timings, whose stop timeouts are the services' defaults
   * @param nodes the configured nodes, which a service's {@code nodes:} list names
   */
  static List<ServiceEntry> bind(Section root, TimingsBinder timings, List<NodeSpec> nodes) {
    Node list = root.list("services", EXAMPLE);
    if (list == null) {
      root.require("services", "add " + EXAMPLE);
      return List.of();
    }
    if (list.items().isEmpty()) {
      root.report("services", "is empty; add " + EXAMPLE);
    }
    ServicesBinder b = new ServicesBinder(timings, nodes);
    List<ServiceEntry> out = new ArrayList<>();
    for (Node item : list.items()) {
      out.add(b.entry(Section.of(item, root.problems(), Presets.keys(KEYS))));
    }
    return out;
  }

  private ServiceEntry entry(Section s) {
    Problems.Mark clean = s.problems().mark();
    String name = name(s);
    Problems.Mark beforePreset = s.problems().mark();
    Preset p = Presets.bind(s, timings.timings(), timings.orDefaults());
    RunnerSettings.Mode mode = RunnerBinder.mode(s);
    List<String> command =
        mode == RunnerSettings.Mode.DETACHED && s.get("command") == null
            ? detachedCommand(s)
            : command(s, p, beforePreset.clean());
    RunnerSettings runner = RunnerBinder.bind(s, mode);
    Path dir = workingDir(s);
    Map<String, String> env = env(s, p.env());
    envPassthrough(s);
    String signal = s.get("stop_signal") == null && p.signal() != null ? p.signal() : signal(s);
    Duration ownStop = s.duration("stop_timeout", null);
    ServiceEntry.OwnStop deadline = ownDeadlineStop(s, ownStop);
    RestartPolicy restart = restart(s);
    List<HealthConfig> checks =
        s.get("health") == null && p.health() != null ? p.health() : HealthBinder.bind(s);
    Timings d = timings.orDefaults();
    Duration stop =
        ownStop != null ? ownStop : p.stops() != null ? p.stops().planned() : d.stopTimeout();
    Duration deadlineStop =
        deadline != null
            ? deadline.timeout()
            : p.stops() != null ? p.stops().deadline() : d.deadlineStopTimeout();
    StateFiles state = StateBinder.bind(s, dir, p.stateFiles(), runner.remote());
    List<String> eligible = EligibleBinder.bind(s, nodes);
    ServiceSpec spec =
        clean.clean()
            ? new ServiceSpec(
                name, command, dir, env, signal, stop, deadlineStop, restart, state, eligible)
            : null;
    return new ServiceEntry(s, spec, deadline, checks, runner);
  }

  /**
   * The deadline stop timeout this entry writes: its {@code deadline_stop_timeout}; else its {@code
   * stop_timeout} while {@code timings:} writes no {@code deadline_stop_timeout} (one stop timeout
   * for both paths, as before they were split); else null.
   */
  private ServiceEntry.OwnStop ownDeadlineStop(Section s, Duration ownStop) {
    Duration own = s.duration(Timings.DEADLINE_STOP_KEY, null);
    if (own != null) {
      return new ServiceEntry.OwnStop(Timings.DEADLINE_STOP_KEY, own);
    }
    boolean oneForBoth = ownStop != null && !timings.deadlineStopWritten();
    return oneForBoth ? new ServiceEntry.OwnStop("stop_timeout", ownStop) : null;
  }

  /** Checks {@code env_passthrough:}, a list of variable names (read by the loader). */
  private static void envPassthrough(Section s) {
    Node list = s.list("env_passthrough", "env_passthrough: [AIRFLOW_CONN_METADATA]");
    if (list == null) {
      return;
    }
    for (Node item : list.items()) {
      String name = item.text();
      if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        s.problems()
            .at(
                item,
                "'" + name + "' is not an environment variable name; use letters, digits and _");
      }
    }
  }

  private String name(Section s) {
    String name =
        Names.required(
            s, "name", "service name", "give the service a unique name, e.g. name: scheduler");
    if (name != null && names.putIfAbsent(name, s.node().path()) != null) {
      s.report(
          "name",
          "duplicate service name '"
              + name
              + "' (also used by "
              + names.get(name)
              + "); give every service a unique name, it is the key of its lease");
    }
    return name;
  }

  /** The service's own command, else the preset's; not reported missing after a bad preset. */
  private static List<String> command(Section s, Preset preset, boolean presetOk) {
    if (s.get("command") == null && !presetOk) {
      return List.of();
    }
    return s.get("command") == null && preset.command() != null ? preset.command() : command(s);
  }

  /**
   * In detached mode {@code command} may be left out: the spec then names the start command, run by
   * {@code sh -c}, for display.
   */
  private static List<String> detachedCommand(Section s) {
    String start = s.string("start_command");
    return List.of("sh", "-c", start == null ? "" : start);
  }

  private static List<String> command(Section s) {
    Node n =
        s.require(
            "command", "give the program and its arguments, e.g. command: [airflow, scheduler]");
    if (n != null && n.kind() == Node.Kind.SCALAR) {
      s.report("command", plainStringMessage(n.text()));
      return List.of();
    }
    Node list = n == null ? null : s.list("command", "[program, arg1, arg2]");
    return list == null ? List.of() : arguments(s, list);
  }

  private static String plainStringMessage(String text) {
    String[] words = text.trim().split("\\s+");
    return "'"
        + text
        + "' is a plain string, but command must be a list (it is run without a shell, so"
        + " nothing splits it on spaces); use a list, e.g. command: "
        + Arrays.toString(words);
  }

  private static List<String> arguments(Section s, Node list) {
    if (list.items().isEmpty()) {
      s.report(
          "command",
          "is empty; give the program and its arguments, e.g. command: [airflow, scheduler]");
      return List.of();
    }
    List<String> out = s.texts(list);
    String program = list.items().get(0).text();
    if (program != null && program.isBlank()) {
      s.problems().at(list.items().get(0), "the program name is empty; give the program to run");
    }
    return out;
  }

  /** The working directory, or null for the controller's. */
  private static Path workingDir(Section s) {
    String dir = s.string("working_dir");
    if (dir != null && !Path.of(dir).isAbsolute()) {
      s.report(
          "working_dir",
          "'" + dir + "' is a relative path; use an absolute path such as /opt/airflow");
    }
    return dir == null ? null : Path.of(dir);
  }

  /** The preset's environment with the service's own {@code env:} entries on top. */
  private static Map<String, String> env(Section s, Map<String, String> preset) {
    Map<String, String> out = new LinkedHashMap<>(preset);
    out.putAll(env(s));
    return out;
  }

  private static Map<String, String> env(Section s) {
    Node n = s.get("env");
    if (n == null) {
      return Map.of();
    }
    if (n.kind() != Node.Kind.MAP) {
      s.problems()
          .at(
              n,
              "expected a map of NAME: value pairs but found "
                  + Section.describe(n)
                  + "; write e.g. env: {AIRFLOW_HOME: /opt/airflow}");
      return Map.of();
    }
    Section env = Section.of(n, s.problems(), List.copyOf(n.entries().keySet()));
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : n.entries().keySet()) {
      String value = envValue(env, key);
      if (value != null) {
        out.put(key, value);
      }
    }
    return out;
  }

  private static String envValue(Section env, String key) {
    if (!ENV_NAME.matcher(key).matches()) {
      env.report(
          key,
          "'"
              + key
              + "' is not a valid environment variable name; use letters, digits and _,"
              + " not starting with a digit");
      return null;
    }
    return env.requiredString(key, "give a value, or '' for an empty string");
  }

  private static String signal(Section s) {
    String raw = s.string("stop_signal");
    if (raw == null) {
      return "TERM";
    }
    String sig = raw.trim().toUpperCase(Locale.ROOT);
    sig = sig.startsWith("SIG") ? sig.substring(3) : sig;
    if (SIGNALS.contains(sig)) {
      return sig;
    }
    String close = Suggest.closest(sig, SIGNALS);
    s.report(
        "stop_signal",
        "'"
            + raw
            + "' is not a supported signal; "
            + (close == null ? "" : "did you mean " + close + "? ")
            + "use one of "
            + String.join(", ", SIGNALS)
            + " (the SIG prefix is optional)");
    return "TERM";
  }

  private static RestartPolicy restart(Section s) {
    Section r = s.section("restart", RESTART_KEYS);
    RestartPolicy d = RestartPolicy.DEFAULTS;
    if (r == null) {
      return d;
    }
    Problems.Mark m = r.problems().mark();
    Duration initial = r.duration("backoff_initial", d.backoffInitial());
    Duration max = r.duration("backoff_max", d.backoffMax());
    boolean backoffRead = m.clean();
    int restarts =
        r.integer(
            "max_restarts",
            d.maxRestarts(),
            0,
            "use 0 to step down after the first crash inside the window");
    Duration window = r.duration("window", d.window());
    Duration cooldown = r.duration("cooldown", d.cooldown());
    if (backoffRead && max.compareTo(initial) < 0) {
      r.report(
          "backoff_max",
          "backoff_max ("
              + Timings.fmt(max)
              + ") is less than backoff_initial ("
              + Timings.fmt(initial)
              + "); raise backoff_max to at least "
              + Timings.fmt(initial));
    }
    return new RestartPolicy(initial, max, restarts, window, cooldown);
  }
}
