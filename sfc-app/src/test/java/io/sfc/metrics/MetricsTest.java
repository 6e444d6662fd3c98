package io.sfc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfc.core.control.LoopObserver.ServiceStatus;
import io.sfc.core.decide.LocalState;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.ServiceState;
import io.sfc.core.port.HealthCheck;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What each source feeds into the Prometheus text. */
class MetricsTest {
  final AtomicLong now = new AtomicLong();
  final Metrics metrics = new Metrics("c", "n1", List.of("scheduler"), now::get);

  @Test
  void leaseGaugesFollowTheLoop() {
    LocalState holding =
        LocalState.initial()
            .withLease(new Lease("scheduler", "n1", 12), 0)
            .withService(ServiceState.RUNNING, 1);
    metrics.roundCompleted(
        0, 5_000_000, List.of(new ServiceStatus("scheduler", holding, "r", null)));

    String text = metrics.scrape();

    assertThat(text)
        .contains("sfc_lease_held{cluster=\"c\",node=\"n1\",service=\"scheduler\"} 1")
        .contains("sfc_lease_epoch{cluster=\"c\",node=\"n1\",service=\"scheduler\"} 12")
        .contains("sfc_loop_duration_seconds_count{cluster=\"c\",node=\"n1\"} 1")
        .contains("sfc_loop_duration_seconds_bucket{");
  }

  @Test
  void eventsCountFailoversAndRestarts() {
    metrics.onEvent(Event.of("n1", "scheduler", 3, EventKind.FAILOVER, "took over"));
    metrics.onEvent(Event.of("n1", "scheduler", 3, EventKind.CRASHED, "exit 1"));
    metrics.onEvent(Event.of("n1", "scheduler", 3, EventKind.CRASHED, "exit 1"));

    assertThat(metrics.scrape())
        .contains("sfc_failovers_total{cluster=\"c\",node=\"n1\",service=\"scheduler\"} 1.0")
        .contains("sfc_restarts_total{cluster=\"c\",node=\"n1\",service=\"scheduler\"} 2.0")
        .contains("sfc_events_total{cluster=\"c\",kind=\"CRASHED\",node=\"n1\"} 2.0");
  }

  @Test
  void handoversAreCountedApartFromFailovers() {
    metrics.onEvent(Event.of("n1", "scheduler", 3, EventKind.HANDOVER, "took over after release"));
    metrics.onEvent(Event.of("n1", "scheduler", 4, EventKind.TOOK_OVER, "by switchover"));

    assertThat(metrics.scrape())
        .contains("sfc_failovers_total{cluster=\"c\",node=\"n1\",service=\"scheduler\"} 0.0")
        .contains("sfc_handovers_total{cluster=\"c\",node=\"n1\",service=\"scheduler\"} 2.0")
        .contains("sfc_switchovers_total{cluster=\"c\",node=\"n1\",service=\"scheduler\"} 1.0");
  }

  @Test
  void renewLatencyByOutcome() throws Exception {
    LeaseStore timed = metrics.timed(new SlowStore(now));
    Lease lease = new Lease("scheduler", "n1", 1);

    timed.renew(lease, Duration.ofSeconds(10));
    assertThatThrownBy(() -> timed.tryAcquire("scheduler", "n1", Duration.ofSeconds(10)))
        .isInstanceOf(MetastoreException.class);

    String text = metrics.scrape();
    assertThat(text)
        .contains(
            "sfc_lease_renew_seconds_count{cluster=\"c\",node=\"n1\",outcome=\"renewed\","
                + "service=\"scheduler\"} 1")
        .contains(
            "sfc_lease_renew_seconds_sum{cluster=\"c\",node=\"n1\",outcome=\"renewed\","
                + "service=\"scheduler\"} 0.25")
        .contains("sfc_lease_renew_seconds_bucket{")
        .contains("sfc_lease_acquire_seconds_count{cluster=\"c\",node=\"n1\",outcome=\"error\"");
  }

  @Test
  void healthCheckResultsAndAlertQueue() throws Exception {
    AtomicInteger queue = new AtomicInteger(3);
    metrics.alertQueue(queue::get);
    HealthCheck ok = metrics.counted("scheduler", "http", () -> HealthCheck.Result.healthy("200"));
    HealthCheck bad = metrics.counted("scheduler", "tcp", () -> HealthCheck.Result.unhealthy("x"));
    HealthCheck broken =
        metrics.counted(
            "scheduler",
            "cmd",
            () -> {
              throw new IllegalStateException("boom");
            });

    ok.check();
    bad.check();
    assertThatThrownBy(broken::check).hasMessage("boom");

    assertThat(metrics.scrape())
        .contains("sfc_alert_queue_depth{cluster=\"c\",node=\"n1\"} 3")
        .contains("check=\"http\",cluster=\"c\",node=\"n1\",result=\"healthy\"")
        .contains("check=\"tcp\",cluster=\"c\",node=\"n1\",result=\"unhealthy\"")
        .contains("check=\"cmd\",cluster=\"c\",node=\"n1\",result=\"error\"");
  }

  @Test
  void alertQueueGaugeSurvivesGarbageCollection() {
    AtomicInteger queue = new AtomicInteger(2);
    metrics.alertQueue(queue::get);
    for (int i = 0; i < 3; i++) {
      System.gc();
    }

    assertThat(metrics.scrape()).contains("sfc_alert_queue_depth{cluster=\"c\",node=\"n1\"} 2");
  }

  /** Renewals take 250 ms of the test clock; acquisitions fail. */
  private record SlowStore(AtomicLong now) implements LeaseStore {
    @Override
    public Optional<Lease> tryAcquire(String service, String node, Duration ttl)
        throws MetastoreException {
      throw new MetastoreException("down");
    }

    @Override
    public boolean renew(Lease lease, Duration ttl) {
      now.addAndGet(250_000_000L);
      return true;
    }

    @Override
    public boolean release(Lease lease) {
      return true;
    }

    @Override
    public LeaseRecord read(String service) {
      return LeaseRecord.vacant(service);
    }
  }
}
