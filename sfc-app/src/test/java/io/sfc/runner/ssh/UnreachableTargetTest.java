package io.sfc.runner.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sfc.config.SfcConfig;
import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.ServiceState;
import io.sfc.core.port.Metastore;
import io.sfc.daemon.Daemon;
import io.sfc.metastore.factory.Metastores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target host that cannot be reached is not a crash: a real controller ({@link Daemon}) with
 * {@code placement: remote} against a real sshd of its own, stopped before the start or under the
 * running instance. The start becomes {@code PLACEMENT_UNREACHABLE}, nothing counts against {@code
 * max_restarts}, and with no reachable target left the holder releases the lease; a lost channel
 * reads {@code UNKNOWN}, never {@code RUNNING}, until the shim's own deadline has passed.
 */
class UnreachableTargetTest {
  @TempDir Path dir;
  SshTestServer sshd;
  Daemon daemon;

  @BeforeEach
  void sshd() throws Exception {
    assumeTrue(SshTestServer.available(), "needs /usr/sbin/sshd (Debian openssh-server)");
    sshd = SshTestServer.start(Files.createDirectories(dir.resolve("sshd")));
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.stop();
      daemon.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  SfcConfig config() throws Exception {
    return RemoteConfig.load(
        dir,
        "unreachable",
        sshd.yaml(", connect_timeout: 1s, keepalive: 1s"),
        "nodes: [{id: n1, host: 127.0.0.1}]");
  }

  static List<Event> events(Metastore ms) throws Exception {
    return RemoteConfig.events(ms);
  }

  static boolean has(Metastore ms, EventKind kind, String reasonPart) throws Exception {
    return events(ms).stream().anyMatch(e -> e.kind() == kind && e.reason().contains(reasonPart));
  }

  @Test
  void aStoppedSshdIsPlacementUnreachableNotACrashAndTheLeaseIsReleased() throws Exception {
    SfcConfig cfg = config();
    sshd.close();

    daemon = Daemon.start(cfg, dir.resolve("logs"));
    try (Metastore ms = Metastores.open(cfg)) {
      RemoteConfig.awaitEvents(
          ms,
          Duration.ofSeconds(20),
          () -> has(ms, EventKind.STEPPED_DOWN, "no reachable target left"));
      assertThat(events(ms))
          .extracting(Event::kind)
          .contains(EventKind.PLACEMENT_UNREACHABLE)
          .doesNotContain(EventKind.CRASHED, EventKind.STARTED);
      assertThat(
              has(ms, EventKind.PLACEMENT_UNREACHABLE, "target host unreachable: cannot connect"))
          .as(events(ms).toString())
          .isTrue();
      assertThat(ms.leases().read("sched").isFree()).isTrue();
    }
  }

  @Test
  void aRunningInstanceWhoseSshdDiesReadsUnknownThenTheHolderStepsDownWithoutACrash()
      throws Exception {
    SfcConfig cfg = config();
    daemon = Daemon.start(cfg, dir.resolve("logs"));
    try (Metastore ms = Metastores.open(cfg)) {
      RemoteConfig.awaitEvents(
          ms, Duration.ofSeconds(20), () -> has(ms, EventKind.STARTED, "service started"));
      List<ProcessHandle> sessions = sshd.sessionProcesses();
      long t0 = System.nanoTime();
      sshd.close();
      for (ProcessHandle p : sessions) {
        p.descendants()
            .filter(UnreachableTargetTest::isSshd)
            .forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }

      RemoteConfig.awaitEvents(ms, Duration.ofSeconds(10), () -> state(ms) == ServiceState.UNKNOWN);
      long unknownMs = (System.nanoTime() - t0) / 1_000_000;
      RemoteConfig.awaitEvents(
          ms,
          Duration.ofSeconds(20),
          () -> has(ms, EventKind.STEPPED_DOWN, "no reachable target left"));
      System.out.println(
          "MEASURED: sshd killed under the running instance: UNKNOWN after "
              + unknownMs
              + " ms, lease released after "
              + (System.nanoTime() - t0) / 1_000_000
              + " ms (lease_ttl 6s, renew_deadline 3s, deadline stop 1s, connect_timeout 1s)");
      assertThat(has(ms, EventKind.PLACEMENT_UNREACHABLE, "connection to the instance lost"))
          .isTrue();
      assertThat(has(ms, EventKind.PLACEMENT_UNREACHABLE, "its watchdog's deadline has passed"))
          .isTrue();
      assertThat(events(ms)).extracting(Event::kind).doesNotContain(EventKind.CRASHED);
      assertThat(ms.leases().read("sched").isFree()).isTrue();
    }
  }

  static ServiceState state(Metastore ms) throws Exception {
    return ms.members().members().stream()
        .filter(r -> r.service().equals("sched"))
        .map(MemberReport::serviceState)
        .findFirst()
        .orElse(ServiceState.STOPPED);
  }

  static boolean isSshd(ProcessHandle p) {
    return p.info().command().map(c -> c.contains("sshd")).orElse(false);
  }
}
