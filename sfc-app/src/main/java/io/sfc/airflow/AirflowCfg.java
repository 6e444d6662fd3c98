package io.sfc.airflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code airflow.cfg} read the way Airflow reads it: Python {@code ConfigParser} syntax ({@code
 * key = value} or {@code key: value}, case-insensitive keys, {@code #}/{@code ;} comment lines,
 * indented continuation lines, {@code %(name)s} interpolation from the same section or {@code
 * [DEFAULT]}, {@code %%} for a percent sign), then {@code $VAR}/{@code ${VAR}} and leading {@code
 * ~} expanded as Airflow's {@code expand_env_var} does, and every value overridable by an
 * environment variable {@code AIRFLOW__<SECTION>__<KEY>}. For Airflow's sensitive options (the
 * database and broker URLs, passwords) the {@code _cmd} variants ({@code AIRFLOW__..._CMD}, {@code
 * key_cmd = ...} in the file) run a command and use its output; the {@code _secret} variants are
 * refused with an explanation, since there is no secrets backend here.
 */
public final class AirflowCfg {
  private static final Pattern SECTION = Pattern.compile("^\\[([^\\]]+)]\\s*$");
  private static final Pattern OPTION = Pattern.compile("^([^=:\\s][^=:]*?)\\s*[=:]\\s*(.*)$");
  private static final Pattern INTERPOLATION = Pattern.compile("%\\(([^)]+)\\)s");
  private static final Pattern ENV_VAR = Pattern.compile("\\$(\\w+|\\{(\\w+)})");

  /**
   * The options Airflow lets a {@code _cmd} or {@code _secret} variant supply (its "sensitive"
   * options, Airflow 1.10 and 2.x); for others Airflow ignores those variants, and so does this.
   */
  static final Set<String> SENSITIVE =
      Set.of(
          "core.sql_alchemy_conn",
          "database.sql_alchemy_conn",
          "database.sql_alchemy_engine_args",
          "core.fernet_key",
          "celery.broker_url",
          "celery.flower_basic_auth",
          "celery.result_backend",
          "atlas.password",
          "smtp.smtp_password",
          "webserver.secret_key",
          "ldap.bind_password",
          "kubernetes.git_password",
          "secrets.backend_kwargs",
          "sentry.sentry_dsn");

  private enum Kind {
    ENV,
    FILE,
    COMMAND,
    SECRET
  }

  private record Found(Kind kind, String where, String text) {}

  private final Path source;
  private final Map<String, String> commands = new HashMap<>();
  private final Map<String, Map<String, String>> sections;
  private final Map<String, String> env;

  private AirflowCfg(
      Path source, Map<String, Map<String, String>> sections, Map<String, String> env) {
    this.source = source;
    this.sections = sections;
    this.env = env;
  }

  /** Reads {@code file} with {@code env} as the process environment. */
  public static AirflowCfg read(Path file, Map<String, String> env) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file, env);
  }

  /** Parses {@code text} as if read from {@code source}. */
  public static AirflowCfg parse(String text, Path source, Map<String, String> env) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    String lastKey = null;
    for (String line : text.split("\\R", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
        continue;
      }
      Matcher section = SECTION.matcher(trimmed);
      if (section.matches()) {
        current = sections.computeIfAbsent(section.group(1).strip(), k -> new LinkedHashMap<>());
        lastKey = null;
      } else if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
        current.merge(lastKey, trimmed, (a, b) -> a.isEmpty() ? b : a + "\n" + b);
      } else if (current != null) {
        lastKey = option(current, trimmed);
      }
    }
    return new AirflowCfg(source, sections, env);
  }

  private static String option(Map<String, String> section, String line) {
    Matcher m = OPTION.matcher(line);
    if (!m.matches()) {
      return null;
    }
    String key = m.group(1).strip().toLowerCase(Locale.ROOT);
    section.put(key, m.group(2).strip());
    return key;
  }

  public Path source() {
    return source;
  }

  /** True when the file has the section (environment overrides do not create sections). */
  public boolean hasSection(String section) {
    return sections.containsKey(section);
  }

  /** The keys written in {@code section} of the file, in file order (lower case). */
  public List<String> keys(String section) {
    return List.copyOf(sections.getOrDefault(section, Map.of()).keySet());
  }

  /** The name of the environment variable that overrides {@code section.key}. */
  public static String envName(String section, String key) {
    return ("AIRFLOW__" + section + "__" + key).toUpperCase(Locale.ROOT);
  }

  /** Where {@code section.key} comes from: the environment variable, the file, or nowhere. */
  public Optional<String> origin(String section, String key) {
    return find(section, key).map(Found::where);
  }

  /**
   * The effective value of {@code section.key}, or empty when it is set nowhere. A {@code _cmd}
   * option runs its command (once; the result is kept).
   *
   * @throws IllegalArgumentException when the value is a {@code _secret} reference (no secrets
   *     backend here) or its command fails
   */
  public Optional<String> get(String section, String key) {
    return find(section, key).map(f -> value(section, f));
  }

  /** True when the value of {@code section.key} is the output of a {@code _cmd} command. */
  public boolean fromCommand(String section, String key) {
    return find(section, key).map(f -> f.kind() == Kind.COMMAND).orElse(false);
  }

  private String value(String section, Found f) {
    return switch (f.kind()) {
      case ENV -> f.text();
      case FILE -> expandEnv(interpolate(section, f.text(), 0));
      case COMMAND ->
          commands.computeIfAbsent(f.where(), w -> CfgCommand.run(command(section, f), w));
      case SECRET -> throw new IllegalArgumentException(secretMessage(f));
    };
  }

  private String command(String section, Found f) {
    return f.where().startsWith("environment") ? f.text() : interpolate(section, f.text(), 0);
  }

  private static String secretMessage(Found f) {
    return f.where()
        + " names a secret in Airflow's secrets backend, which sfc cannot read (it has no secrets"
        + " backend); give the value itself in the environment variable or airflow.cfg, or a"
        + " command that prints it with the _cmd variant (e.g. sql_alchemy_conn_cmd)";
  }

  /** Airflow's order: env, env _CMD, env _SECRET, file, file _cmd, file _secret. */
  private Optional<Found> find(String section, String key) {
    String name = envName(section, key);
    boolean sensitive = SENSITIVE.contains(section + "." + key.toLowerCase(Locale.ROOT));
    List<Found> candidates = new ArrayList<>();
    candidates.add(fromEnv(Kind.ENV, name));
    if (sensitive) {
      candidates.add(fromEnv(Kind.COMMAND, name + "_CMD"));
      candidates.add(fromEnv(Kind.SECRET, name + "_SECRET"));
    }
    candidates.add(fromFile(Kind.FILE, section, key));
    if (sensitive) {
      candidates.add(fromFile(Kind.COMMAND, section, key + "_cmd"));
      candidates.add(fromFile(Kind.SECRET, section, key + "_secret"));
    }
    return candidates.stream().filter(Objects::nonNull).findFirst();
  }

  private Found fromEnv(Kind kind, String name) {
    String v = env.get(name);
    return v == null ? null : new Found(kind, "environment " + name, v);
  }

  private Found fromFile(Kind kind, String section, String key) {
    return raw(section, key)
        .map(v -> new Found(kind, "[" + section + "] " + key + " in " + source, v))
        .orElse(null);
  }

  private Optional<String> raw(String section, String key) {
    String k = key.toLowerCase(Locale.ROOT);
    String v = sections.getOrDefault(section, Map.of()).get(k);
    if (v == null) {
      v = sections.getOrDefault("DEFAULT", Map.of()).get(k);
    }
    return Optional.ofNullable(v);
  }

  private String interpolate(String section, String value, int depth) {
    if (depth > 10) {
      throw new IllegalArgumentException(
          source + ": [" + section + "] interpolation nested too deeply (a %(name)s loop?)");
    }
    Matcher m = INTERPOLATION.matcher(value.replace("%%", "\u0000"));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String ref = raw(section, m.group(1)).orElse(m.group(0));
      m.appendReplacement(out, Matcher.quoteReplacement(interpolate(section, ref, depth + 1)));
    }
    m.appendTail(out);
    return out.toString().replace("\u0000", "%");
  }

  private String expandEnv(String value) {
    String v = value.startsWith("~") ? env.getOrDefault("HOME", "~") + value.substring(1) : value;
    Matcher m = ENV_VAR.matcher(v);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(2) != null ? m.group(2) : m.group(1);
      m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(name, m.group(0))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
