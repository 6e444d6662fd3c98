package io.sfc.core.sim;

import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.Timings;
import java.time.Duration;
import java.util.Random;

/**
 * The parameters of one simulated cluster.
 *
 * @param nodes number of controllers
 * @param timings lease timings (validated unless a test deliberately builds an unsafe one)
 * @param restart restart policy of the service
 * @param maxStartLatency upper bound of the delay between a start decision and the spawn
 * @param maxStopLatency upper bound of how long a service takes to exit after TERM (a hung stop
 *     waits for KILL at the stop timeout instead)
 * @param maxLatency upper bound of a normal metastore call's latency
 * @param driftBound bound of every clock's rate error, e.g. 0.001 for ±0.1%
 * @param noise probability of each kind of single-call fault per metastore call
 * @param watchdog false to disable the shim's feed deadline (unsafe, for the checker's own test)
 * @param episodes number of fault episodes after start-up
 * @param services services per node: the first is checked for overlap and recovery, the others
 *     (sharing each node's loop, network and faults) for overlap
 */
record SimConfig(
    int nodes,
    Timings timings,
    RestartPolicy restart,
    Duration maxStartLatency,
    Duration maxStopLatency,
    Duration maxLatency,
    double driftBound,
    double noise,
    boolean watchdog,
    int episodes,
    int services) {

  static final double DRIFT_BOUND = 0.001;

  /** The call timeout of the daemon: twice the renew interval, at most a third of the deadline. */
  Duration callTimeout() {
    Duration twice = timings.renewInterval().multipliedBy(2);
    Duration third = timings.renewDeadline().dividedBy(3);
    return twice.compareTo(third) < 0 ? twice : third;
  }

  /** A cluster drawn from {@code rng}: mostly the default timings, sometimes other safe ones. */
  static SimConfig random(Random rng) {
    int nodes = rng.nextInt(10) < 7 ? 3 : (rng.nextBoolean() ? 2 : 5);
    Timings t = rng.nextInt(10) < 7 ? Timings.DEFAULTS : randomSafeTimings(rng);
    Duration[] starts = {ms(50), ms(500), ms(2000)};
    double[] noises = {0, 0.001, 0.01};
    Duration start = starts[rng.nextInt(starts.length)];
    Duration stop = ms(rng.nextBoolean() ? 200 : 1500);
    Duration latency = ms(rng.nextBoolean() ? 10 : 100);
    double noise = noises[rng.nextInt(noises.length)];
    int episodes = 6 + rng.nextInt(5);
    boolean many = rng.nextInt(10) < 3 && loopKeepsUp(t, latency, 3);
    return new SimConfig(
        nodes,
        t,
        RestartPolicy.DEFAULTS,
        start,
        stop,
        latency,
        DRIFT_BOUND,
        noise,
        true,
        episodes,
        many ? 3 : 1);
  }

  /**
   * True when one loop thread can serve {@code services} services: their calls of a round (two
   * reads and a renewal each, one after another, at {@code latency}) plus one call timeout fit
   * between two renewals and the local deadline. Below that a holder self-fences without any fault
   * (seeds 10155 and 19199 with renew_interval 0.5 s, renew_deadline 1.5 s, 100 ms latency), a
   * limit {@link Timings#violations} does not know about yet.
   */
  static boolean loopKeepsUp(Timings t, Duration latency, int services) {
    Duration twice = t.renewInterval().multipliedBy(2);
    Duration third = t.renewDeadline().dividedBy(3);
    Duration callTimeout = twice.compareTo(third) < 0 ? twice : third;
    Duration round = latency.multipliedBy(3L * services).plus(callTimeout);
    return round.compareTo(t.renewDeadline().minus(t.renewInterval())) <= 0;
  }

  /** Timings that pass {@link Timings#violations}, with a stop timeout of 0.5 to 3 s. */
  static Timings randomSafeTimings(Random rng) {
    long[] intervals = {500, 1000, 2000};
    long interval = intervals[rng.nextInt(intervals.length)];
    long deadline = interval * (3 + rng.nextInt(4));
    long stop = 500 * (1 + rng.nextInt(6));
    long margin = rng.nextBoolean() ? 500 : 1000;
    long ttl = deadline + stop + margin + 100 + rng.nextInt(5000);
    Timings t = new Timings(ms(ttl), ms(interval), ms(deadline), ms(stop), ms(margin));
    if (!t.violations().isEmpty()) {
      throw new IllegalStateException("generated unsafe timings " + t);
    }
    return t;
  }

  SimConfig withTimings(Timings t) {
    return new SimConfig(
        nodes,
        t,
        restart,
        maxStartLatency,
        maxStopLatency,
        maxLatency,
        driftBound,
        noise,
        watchdog,
        episodes,
        services);
  }

  SimConfig withoutWatchdog() {
    return new SimConfig(
        nodes,
        timings,
        restart,
        maxStartLatency,
        maxStopLatency,
        maxLatency,
        driftBound,
        noise,
        false,
        episodes,
        services);
  }

  static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
