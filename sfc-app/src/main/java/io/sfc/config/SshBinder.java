package io.sfc.config;

import io.sfc.config.SshSettings.HostKeyPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one node's {@code ssh:} block merged over the top-level {@code ssh:} defaults: each key is
 * taken from the node's block when written there, else from the top level, else its default.
 */
final class SshBinder {

  static final List<String> KEYS =
      List.of(
          "user",
          "port",
          "key_file",
          "passphrase_env",
          "known_hosts",
          "host_key_policy",
          "connect_timeout",
          "command_timeout",
          "keepalive",
          "shim_path");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final List<String> POLICIES = List.of("strict", "accept-new");

  private final Section defaults;
  private final Section own;

  private SshBinder(Section defaults, Section own) {
    this.defaults = defaults;
    this.own = own;
  }

  /**
   * The merged settings, or null when neither block exists or a problem was reported.
   *
   * @param defaults the top-level block, or null
   * @param own the node's block, or null
   * @param keyFileReported set when a missing key_file was already reported at the top level
   */
  static SshSettings bind(Section defaults, Section own, boolean[] keyFileReported) {
    if (defaults == null && own == null) {
      return null;
    }
    SshBinder b = new SshBinder(defaults, own);
    Problems problems = (own != null ? own : defaults).problems();
    int before = problems.count();
    SshSettings s = b.settings(keyFileReported);
    return problems.count() == before ? s : null;
  }

  private SshSettings settings(boolean[] keyFileReported) {
    String user = at("user") == null ? defaultUser() : at("user").string("user");
    Integer port = at("port") == null ? Integer.valueOf(22) : port(at("port"));
    Path key = keyFile(keyFileReported);
    String passEnv = passphraseEnv();
    Path known = at("known_hosts") == null ? home(".ssh/known_hosts") : path("known_hosts");
    HostKeyPolicy policy = policy();
    Duration connect = duration("connect_timeout", Duration.ofSeconds(5));
    Duration command = duration("command_timeout", Duration.ofSeconds(10));
    Duration keepalive = duration("keepalive", Duration.ofSeconds(5));
    String shim = at("shim_path") == null ? null : at("shim_path").string("shim_path");
    if (user == null || port == null || key == null || known == null || policy == null) {
      return null;
    }
    if (connect == null || command == null || keepalive == null) {
      return null;
    }
    return new SshSettings(
        user, port, key, passEnv, known, policy, connect, command, keepalive, shim);
  }

  /** The section in which {@code key} is written (node first), or null. */
  private Section at(String key) {
    if (own != null && own.get(key) != null) {
      return own;
    }
    return defaults != null && defaults.get(key) != null ? defaults : null;
  }

  private static String defaultUser() {
    return System.getProperty("user.name", "root");
  }

  private static Integer port(Section s) {
    Integer p = s.integer("port", 22, 1, "use a TCP port from 1 to 65535");
    if (p != null && p > 65535) {
      s.report("port", "'" + p + "' is not a TCP port; use a whole number from 1 to 65535");
      return null;
    }
    return p;
  }

  private Path keyFile(boolean[] keyFileReported) {
    if (at("key_file") != null) {
      return path("key_file");
    }
    Section where = own != null ? own : defaults;
    if (where == own || !keyFileReported[0]) {
      where.report(
          "key_file",
          "missing; give the private key used to log in, e.g. key_file: ~/.ssh/id_ed25519");
      keyFileReported[0] |= where == defaults;
    }
    return null;
  }

  /** A file path; {@code ~/} means the controller user's home; must be absolute. */
  private Path path(String key) {
    Section s = at(key);
    String raw = s.string(key);
    if (raw == null) {
      return null;
    }
    Path p = raw.startsWith("~/") ? home(raw.substring(2)) : Path.of(raw);
    if (!p.isAbsolute()) {
      s.report(key, "'" + raw + "' is a relative path; use an absolute path or one under ~/");
      return null;
    }
    return p;
  }

  private static Path home(String rest) {
    return Path.of(System.getProperty("user.home"), rest);
  }

  private String passphraseEnv() {
    Section s = at("passphrase_env");
    String name = s == null ? null : s.string("passphrase_env");
    if (name != null && !ENV_NAME.matcher(name).matches()) {
      s.report(
          "passphrase_env",
          "'"
              + name
              + "' is not an environment variable name; give the name of the variable that holds"
              + " the passphrase, e.g. passphrase_env: SFC_SSH_PASSPHRASE");
      return null;
    }
    return name;
  }

  private HostKeyPolicy policy() {
    Section s = at("host_key_policy");
    if (s == null) {
      return HostKeyPolicy.STRICT;
    }
    String raw = s.string("host_key_policy");
    String v = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    if (POLICIES.contains(v)) {
      return v.equals("strict") ? HostKeyPolicy.STRICT : HostKeyPolicy.ACCEPT_NEW;
    }
    String close = Suggest.closest(v, POLICIES);
    s.report(
        "host_key_policy",
        "'"
            + raw
            + "' is not a host key policy; "
            + (close == null ? "" : "did you mean " + close + "? ")
            + "use strict (unknown and changed keys are refused) or accept-new (unknown keys are"
            + " added to known_hosts, changed keys are refused)");
    return null;
  }

  private Duration duration(String key, Duration fallback) {
    Section s = at(key);
    return s == null ? fallback : s.duration(key, fallback);
  }
}
