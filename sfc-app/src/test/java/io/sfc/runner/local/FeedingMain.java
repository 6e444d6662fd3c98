package io.sfc.runner.local;

import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.ServiceHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in controller for the controller-death tests: starts {@value Scripts#STANDIN} under a
 * {@link LocalRunner}, prints {@code service <pid> shim <pid>}, then feeds it forever.
 *
 * <p>Arguments: ledger log-dir budget-ms stop-timeout-ms feed-interval-ms.
 */
public final class FeedingMain {

  private FeedingMain() {}

  public static void main(String[] args) throws Exception {
    Path ledger = Path.of(args[0]);
    Duration budget = Duration.ofMillis(Long.parseLong(args[2]));
    Duration stopTimeout = Duration.ofMillis(Long.parseLong(args[3]));
    long feedMs = Long.parseLong(args[4]);
    LocalRunner runner = new LocalRunner("c1", "n1", Path.of(args[1]), Procs.pool("sfc-exit", 2));
    ServiceSpec spec = standin(ledger, stopTimeout);
    ServiceHandle h = runner.start(spec, 1, budget, status -> {});
    System.out.println("service " + h.pid() + " shim " + ((LocalServiceHandle) h).shimPid());
    System.out.flush();
    ScheduledExecutorService feeder =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sfc-feeder"));
    feeder.scheduleAtFixedRate(() -> h.feed(budget), feedMs, feedMs, TimeUnit.MILLISECONDS);
    new CountDownLatch(1).await();
  }

  static ServiceSpec standin(Path ledger, Duration stopTimeout) {
    List<String> cmd = List.of(Scripts.path(Scripts.STANDIN).toString(), ledger.toString(), "50");
    return new ServiceSpec(
        "standin", cmd, null, Map.of(), "TERM", stopTimeout, RestartPolicy.DEFAULTS);
  }
}
