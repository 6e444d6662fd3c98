package io.sfc.config;

import io.sfc.reader.Problems;
import io.sfc.reader.Section;
import io.sfc.reader.Suggest;
import io.sfc.runner.ssh.SshSettings;
import io.sfc.runner.ssh.SshSettings.HostKeyPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code ssh:} defaults once, then each node's {@code ssh:} block over them:
 * each key is taken from the node's block when written there, else from the top level, else its
 * default.
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
  private static final Draft BUILT_IN =
      new Draft(
          System.getProperty("user.name", "root"),
          22,
          null,
          null,
          home(".ssh/known_hosts"),
          HostKeyPolicy.STRICT,
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          null);

  /** The keys of one block as read, null for an unset key file. */
  private record Draft(
      String user,
      int port,
      Path keyFile,
      String passphraseEnv,
      Path knownHosts,
      HostKeyPolicy policy,
      Duration connect,
      Duration command,
      Duration keepalive,
      String shim) {}

  private final Section top;
  private final Draft defaults;
  private final Set<String> badDefaults = new HashSet<>();

  private SshBinder(Section top) {
    this.top = top;
    this.defaults = read(top, BUILT_IN, badDefaults);
  }

  /** Reads the top-level block (absent or not), reporting its problems once. */
  static SshBinder defaults(Section root) {
    return new SshBinder(root.section("ssh", KEYS));
  }

  /**
   * A node's settings, or null when neither block exists or a key it takes is bad.
   *
   * @param own the node's block, or null
   */
  SshSettings node(Section own) {
    if (top == null && own == null) {
      return null;
    }
    Set<String> bad = new HashSet<>();
    Draft d = read(own, defaults, bad);
    for (String key : KEYS) {
      if (badDefaults.contains(key) && (own == null || own.get(key) == null)) {
        bad.add(key);
      }
    }
    if (d.keyFile() == null && !bad.contains("key_file")) {
      (own != null ? own : top)
          .report(
              "key_file",
              "missing; give the private key used to log in, e.g. key_file: ~/.ssh/id_ed25519");
      bad.add("key_file");
    }
    return bad.isEmpty() ? settings(d) : null;
  }

  private static SshSettings settings(Draft d) {
    return new SshSettings(
        d.user(),
        d.port(),
        d.keyFile(),
        d.passphraseEnv(),
        d.knownHosts(),
        d.policy(),
        d.connect(),
        d.command(),
        d.keepalive(),
        d.shim());
  }

  /** The keys written in {@code s} (which may be null) over {@code base}. */
  private static Draft read(Section s, Draft base, Set<String> bad) {
    Reader r = new Reader(s, bad);
    return new Draft(
        r.key("user", base.user(), x -> x.string("user")),
        r.key("port", base.port(), SshBinder::port),
        r.key("key_file", base.keyFile(), x -> path(x, "key_file")),
        r.key("passphrase_env", base.passphraseEnv(), SshBinder::passphraseEnv),
        r.key("known_hosts", base.knownHosts(), x -> path(x, "known_hosts")),
        r.key("host_key_policy", base.policy(), SshBinder::policy),
        r.key("connect_timeout", base.connect(), x -> x.duration("connect_timeout", null)),
        r.key("command_timeout", base.command(), x -> x.duration("command_timeout", null)),
        r.key("keepalive", base.keepalive(), x -> x.duration("keepalive", null)),
        r.key("shim_path", base.shim(), x -> x.string("shim_path")));
  }

  /** Reads one key if written, noting it as bad when that reported a problem. */
  private record Reader(Section s, Set<String> bad) {
    <T> T key(String key, T base, Function<Section, T> read) {
      if (s == null || s.get(key) == null) {
        return base;
      }
      Problems.Mark m = s.problems().mark();
      T v = read.apply(s);
      if (!m.clean()) {
        bad.add(key);
      }
      return v;
    }
  }

  private static int port(Section s) {
    int p = s.integer("port", 22, 1, "use a TCP port from 1 to 65535");
    if (p > 65535) {
      s.report("port", "'" + p + "' is not a TCP port; use a whole number from 1 to 65535");
    }
    return p;
  }

  /** A file path; {@code ~/} means the controller user's home; must be absolute. */
  private static Path path(Section s, String key) {
    String raw = s.string(key);
    Path p = raw == null ? null : raw.startsWith("~/") ? home(raw.substring(2)) : Path.of(raw);
    if (p != null && !p.isAbsolute()) {
      s.report(key, "'" + raw + "' is a relative path; use an absolute path or one under ~/");
    }
    return p;
  }

  private static Path home(String rest) {
    return Path.of(System.getProperty("user.home"), rest);
  }

  private static String passphraseEnv(Section s) {
    String name = s.string("passphrase_env");
    if (name != null && !ENV_NAME.matcher(name).matches()) {
      s.report(
          "passphrase_env",
          "'"
              + name
              + "' is not an environment variable name; give the name of the variable that holds"
              + " the passphrase, e.g. passphrase_env: SFC_SSH_PASSPHRASE");
    }
    return name;
  }

  private static HostKeyPolicy policy(Section s) {
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
    return HostKeyPolicy.STRICT;
  }
}
