package io.sfc.secret;

import java.util.Map;
import java.util.Set;

/**
 * Which of the controller's environment variables a process sfc starts (the service through its
 * shim, detached start/stop commands, health-check commands, alert hooks, fence commands) must not
 * inherit: every variable the configuration references as {@code ${VAR}} (they hold the secrets the
 * docs recommend passing that way), except those a service lists under {@code env_passthrough:}.
 * The {@code env:} entries written for a service are added after scrubbing, as before.
 *
 * <p>The policy of the loaded configuration is process-wide ({@link #current()}), set by the
 * configuration loader, like {@link Secrets}.
 *
 * @param referenced the names referenced by {@code ${VAR}} anywhere in the configuration
 * @param passthrough per service name, the referenced names it keeps
 */
public record ChildEnv(Set<String> referenced, Map<String, Set<String>> passthrough) {

  /** Scrubs nothing. */
  public static final ChildEnv NONE = new ChildEnv(Set.of(), Map.of());

  private static volatile ChildEnv current = NONE;

  public ChildEnv {
    referenced = Set.copyOf(referenced);
    passthrough = Map.copyOf(passthrough);
  }

  /** The policy of the configuration loaded last. */
  public static ChildEnv current() {
    return current;
  }

  /** Makes {@code policy} the one every runner, check and hook applies. */
  public static void install(ChildEnv policy) {
    current = policy;
  }

  /**
   * Removes the scrubbed variables from {@code env} (a child's environment, e.g. {@link
   * ProcessBuilder#environment()}).
   *
   * @param service the service the child belongs to, or null for a process of no one service (alert
   *     hooks), which keeps none
   */
  public void scrub(String service, Map<String, String> env) {
    Set<String> keep = service == null ? Set.of() : passthrough.getOrDefault(service, Set.of());
    for (String name : referenced) {
      if (!keep.contains(name)) {
        env.remove(name);
      }
    }
  }
}
