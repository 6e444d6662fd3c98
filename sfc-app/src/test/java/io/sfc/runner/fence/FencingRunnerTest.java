package io.sfc.runner.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.StopPath;
import io.sfc.core.port.BudgetExhaustedException;
import io.sfc.core.port.EventLog;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import io.sfc.runner.shell.LocalShell;
import io.sfc.runner.shell.Procs;
import io.sfc.runner.shell.ShellQuote;
import io.sfc.runner.ssh.SshConnections;
import io.sfc.runner.ssh.SshRunner;
import io.sfc.runner.ssh.SshShell;
import io.sfc.runner.ssh.SshTarget;
import io.sfc.runner.ssh.SshTestServer;
import io.sfc.runner.ssh.SshdExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Fencing before start, against a real sshd for the SSH fences. */
class FencingRunnerTest {

  @TempDir static Path dir;

  @RegisterExtension static final SshdExtension SSH = new SshdExtension();
  static SshTestServer sshd;
  static SshConnections ssh;
  static ExecutorService executor;

  @BeforeAll
  static void fixture() {
    sshd = SSH.server();
    ssh = SSH.connections();
    executor = SSH.executor();
  }

  final List<Event> events = new CopyOnWriteArrayList<>();
  final AtomicInteger starts = new AtomicInteger();
  final NodeRunner delegate =
      (spec, epoch, budget, onExit) -> {
        starts.incrementAndGet();
        return new ServiceHandle() {
          public long pid() {
            return 1;
          }

          public void feed(Duration b) {}

          public void stop(StopPath path, Duration budget) {}
        };
      };

  static ServiceSpec spec() {
    return new ServiceSpec(
        "svc",
        List.of("sleep", "600"),
        null,
        Map.of(),
        "TERM",
        Duration.ofSeconds(2),
        RestartPolicy.DEFAULTS);
  }

  EventLog log() {
    return new EventLog() {
      public void record(Event e) {
        events.add(e);
      }

      public List<Event> recent(int limit) {
        return List.copyOf(events);
      }
    };
  }

  static LeaseStore leaseConfirming(boolean confirms) {
    return new LeaseStore() {
      public Optional<Lease> tryAcquire(String s, String n, Duration ttl) {
        return Optional.empty();
      }

      public boolean renew(Lease l, Duration ttl) {
        return true;
      }

      public boolean release(Lease l) {
        return true;
      }

      public LeaseRecord read(String s) {
        return confirms
            ? new LeaseRecord(s, "a", 2, Duration.ofSeconds(5), false)
            : new LeaseRecord(s, "x", 9, Duration.ofSeconds(5), false);
      }
    };
  }

  FencingRunner fencing(Fencing policy, boolean shim, List<Fencer> fencers, boolean confirms) {
    return new FencingRunner(
        delegate,
        "a",
        policy,
        shim,
        fencers,
        log(),
        leaseConfirming(confirms),
        System::nanoTime,
        executor);
  }

  @Test
  void fencesAStrayInstanceOnAnotherNodeOverSshThenStarts() throws Exception {
    assumeTrue(sshd != null, "needs /usr/sbin/sshd");
    SshTarget b = sshd.target("b");
    ServiceHandle stray =
        new SshRunner("c1", ssh, b, dir.resolve("logs"), executor, System::nanoTime)
            .start(spec(), 1, Duration.ofSeconds(60), s -> {});
    stray.feed(Duration.ofSeconds(60));
    assertThat(alive(stray.pid())).isTrue();
    Fencer fenceB =
        new ShimFencer("b", "c1", new Procs(new SshShell(ssh, b)), Duration.ofSeconds(10));

    fencing(Fencing.REQUIRED, true, List.of(fenceB), false)
        .start(spec(), 2, Duration.ofSeconds(30), s -> {});

    await().atMost(Duration.ofSeconds(5)).until(() -> !alive(stray.pid()));
    assertThat(starts).hasValue(1);
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(EventKind.FENCED);
              assertThat(e.epoch()).isEqualTo(2);
              assertThat(e.reason()).startsWith("fenced b: stopped 1");
            });
  }

  @Test
  void aShimOfTheSameOrANewerEpochIsLeftAlone() throws Exception {
    assumeTrue(sshd != null, "needs /usr/sbin/sshd");
    SshTarget b = sshd.target("b2");
    ServiceHandle newer =
        new SshRunner("c1", ssh, b, dir.resolve("logs"), executor, System::nanoTime)
            .start(spec(), 5, Duration.ofSeconds(60), s -> {});
    Fencer fenceB =
        new ShimFencer("b2", "c1", new Procs(new SshShell(ssh, b)), Duration.ofSeconds(10));

    String done = fenceB.fence(spec(), 5);

    assertThat(done).startsWith("stopped 0");
    assertThat(alive(newer.pid())).isTrue();
    newer.stop(StopPath.PLANNED, java.time.Duration.ofSeconds(30));
  }

  /**
   * sfc's own budget running out is not the service's failure: the controller reads it as
   * NotLaunched.
   */
  @Test
  void noBudgetLeftAfterFencingIsABudgetExhaustionNotAStartFailure() throws Exception {
    assertThatThrownBy(
            () ->
                fencing(Fencing.BEST_EFFORT, true, List.of(failing("b")), true)
                    .start(spec(), 2, () -> Duration.ZERO, s -> {}))
        .isInstanceOf(BudgetExhaustedException.class)
        .hasMessageContaining("no watchdog budget left after fencing");
    assertThat(starts).hasValue(0);
  }

  @Test
  void requiredRefusesADetachedStartWhenANodeCannotBeFenced() throws Exception {
    Fencer broken = failing("b");

    assertThatThrownBy(
            () ->
                fencing(Fencing.REQUIRED, false, List.of(broken), true)
                    .start(spec(), 2, Duration.ofSeconds(30), s -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("refusing to start svc: fencing: required and b: unreachable");
    assertThat(starts).hasValue(0);
    assertThat(events).extracting(Event::kind).containsExactly(EventKind.FENCE_FAILED);
  }

  @Test
  void requiredStartsAShimServiceWhenTheLeaseProvesTheEarlierEpochsEnded() throws Exception {
    fencing(Fencing.REQUIRED, true, List.of(failing("b")), true)
        .start(spec(), 2, Duration.ofSeconds(30), s -> {});

    assertThat(starts).hasValue(1);
    assertThat(events)
        .extracting(Event::kind)
        .containsExactly(EventKind.FENCE_FAILED, EventKind.FENCED);
  }

  @Test
  void requiredRefusesAShimServiceWhenTheLeaseIsNotConfirmed() {
    assertThatThrownBy(
            () ->
                fencing(Fencing.REQUIRED, true, List.of(failing("b")), false)
                    .start(spec(), 2, Duration.ofSeconds(30), s -> {}))
        .hasMessageContaining("does not confirm epoch 2");
    assertThat(starts).hasValue(0);
  }

  @Test
  void bestEffortStartsAnywayAndFencesOncePerEpoch() throws Exception {
    FencingRunner r = fencing(Fencing.BEST_EFFORT, false, List.of(failing("b")), false);

    r.start(spec(), 2, Duration.ofSeconds(30), s -> {});
    r.start(spec(), 2, Duration.ofSeconds(30), s -> {});

    assertThat(starts).hasValue(2);
    assertThat(events).extracting(Event::kind).containsExactly(EventKind.FENCE_FAILED);
  }

  @Test
  void fenceCommandGetsQuotedSubstitutions() throws Exception {
    Path out = dir.resolve("fence-args");
    String host = "h $(touch /tmp/sfc-pwned-3) 'q'";
    CommandFencer f =
        new CommandFencer(
            new NodeSpec("b", host),
            "printf '%s\\n' ${node} ${host} ${service} ${epoch} > "
                + ShellQuote.quote(out.toString()),
            new LocalShell(Duration.ofSeconds(5)));

    fencing(Fencing.REQUIRED, false, List.of(f), false)
        .start(spec(), 7, Duration.ofSeconds(30), s -> {});

    assertThat(Files.readAllLines(out)).containsExactly("b", host, "svc", "7");
    assertThat(Path.of("/tmp/sfc-pwned-3")).doesNotExist();
    assertThat(starts).hasValue(1);
  }

  @Test
  void fencesEveryNodeAtOnceSoOneSlowNodeDoesNotDelayTheOthers() throws Exception {
    CyclicBarrier allFencing = new CyclicBarrier(3);
    List<Fencer> fencers =
        List.of(meeting("b", allFencing), meeting("c", allFencing), meeting("d", allFencing));

    fencing(Fencing.REQUIRED, false, fencers, false)
        .start(spec(), 3, Duration.ofSeconds(30), s -> {});

    assertThat(starts).hasValue(1);
    assertThat(events)
        .extracting(Event::kind)
        .containsExactly(EventKind.FENCED, EventKind.FENCED, EventKind.FENCED);
  }

  /** A fencer that succeeds only if all fencers of the barrier are fencing at the same time. */
  static Fencer meeting(String node, CyclicBarrier barrier) {
    return new Fencer() {
      public String node() {
        return node;
      }

      public String fence(ServiceSpec spec, long epoch) throws IOException {
        try {
          barrier.await(10, TimeUnit.SECONDS);
          return "met the other fences";
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
          throw new IOException("fenced alone: " + e, e);
        }
      }
    };
  }

  static Fencer failing(String node) {
    return new Fencer() {
      public String node() {
        return node;
      }

      public String fence(ServiceSpec spec, long epoch) throws IOException {
        throw new IOException("unreachable");
      }
    };
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
