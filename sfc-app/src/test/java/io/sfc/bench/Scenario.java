package io.sfc.bench;

/** The faults the harness injects, one per run. */
public enum Scenario {
  SERVICE_KILL("a", "service SIGKILL", "fault to restart begun <= 500 ms"),
  HOLDER_KILL("b", "holder controller SIGKILL", "recovery <= lease_ttl + 2 s = 12000 ms"),
  HOLDER_FREEZE("c", "holder SIGSTOP 12 s, SIGCONT", "recovery <= lease_ttl + 2 s (as b)"),
  HOLDER_CUT(
      "d", "holder cut off (netns, iptables) 12 s", "recovery <= lease_ttl + 2 s = 12000 ms"),
  METASTORE_RESTART("e", "metastore restarted", "none (reported)"),
  SWITCHOVER("f", "planned switchover (sfc switchover)", "none (reported)");

  final String key;
  final String title;
  final String bound;

  Scenario(String key, String title, String bound) {
    this.key = key;
    this.title = title;
    this.bound = bound;
  }

  static Scenario byKey(String key) {
    for (Scenario s : values()) {
      if (s.key.equals(key) || s.name().equalsIgnoreCase(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario " + key);
  }

  /** The limit (ms) a run must stay within, on recovery or restart begun; 0 when none. */
  long limitMillis() {
    return switch (this) {
      case SERVICE_KILL -> 500;
      case HOLDER_KILL, HOLDER_CUT, HOLDER_FREEZE -> BenchCluster.TTL_MS + 2_000;
      case METASTORE_RESTART, SWITCHOVER -> 0;
    };
  }

  /** The measurement the limit applies to. */
  long measured(RunResult r) {
    return this == SERVICE_KILL ? r.begunMs() : r.recoveryMs();
  }
}
