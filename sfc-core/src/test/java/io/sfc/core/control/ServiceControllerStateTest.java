package io.sfc.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfc.core.model.Event;
import io.sfc.core.model.EventKind;
import io.sfc.core.model.RestartPolicy;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.ServiceState;
import io.sfc.core.model.StateFiles;
import io.sfc.core.model.StopPath;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.NodeRunner;
import io.sfc.core.port.ServiceHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State files end to end through the controller, on a manual clock with real files: each node has
 * its own directory; a fake service reads its state file when it starts and writes it when it is
 * stopped (as celery beat writes its schedule on a clean shutdown).
 */
class ServiceControllerStateTest {
  static final long S = 1_000_000_000L;
  static final String FILE = "schedule.db";

  /** The stores, clock, inbox and event log of the controller tests. */
  final ServiceControllerTest base = new ServiceControllerTest();

  final InMemoryDirectiveStore directives = base.directives;
  final InMemoryStateStore states = base.states;
  final List<Event> events = base.events;

  /** What each started instance found in its state file, "-" when there was none. */
  final List<String> seenAtStart = new ArrayList<>();

  final List<Handle> handles = new ArrayList<>();

  @TempDir Path dir;

  final class Handle implements ServiceHandle {
    final Path file;
    final NodeRunner.ExitListener onExit;
    String writeOnStop;

    Handle(Path file, NodeRunner.ExitListener onExit) {
      this.file = file;
      this.onExit = onExit;
    }

    @Override
    public long pid() {
      return 100 + handles.indexOf(this);
    }

    @Override
    public void feed(Duration budget) {}

    @Override
    public void stop(StopPath path, Duration budget) {
      if (writeOnStop != null) {
        write(file, writeOnStop);
      }
      onExit.exited(143);
    }
  }

  ServiceController controller(String node) {
    Path file = dir.resolve(node).resolve(FILE);
    ServiceSpec spec =
        new ServiceSpec(
                "beat", List.of("x"), null, Map.of(), "TERM", Duration.ofSeconds(2), policy())
            .withState(
                new StateFiles(List.of(new StateFiles.File(FILE, file)), Duration.ofSeconds(5)));
    NodeRunner runner =
        (s, epoch, budget, onExit) -> {
          seenAtStart.add(Files.exists(file) ? read(file) : "-");
          Handle h = new Handle(file, onExit);
          handles.add(h);
          return h;
        };
    return base.controller(node, spec, runner);
  }

  private static RestartPolicy policy() {
    return RestartPolicy.DEFAULTS;
  }

  void round(ServiceController c) {
    base.round(c);
  }

  /** Rounds of {@code c} every second for {@code seconds}. */
  void run(ServiceController c, int seconds) {
    for (int i = 0; i < seconds; i++) {
      base.now += S;
      round(c);
    }
  }

  List<EventKind> kinds(String node) {
    return events.stream().filter(e -> e.node().equals(node)).map(Event::kind).toList();
  }

  String reason(EventKind kind) {
    return events.stream().filter(e -> e.kind() == kind).reduce((x, y) -> y).orElseThrow().reason();
  }

  static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aSwitchoverCarriesTheFileWrittenAtTheStopToTheTargetBeforeItStarts() throws Exception {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    write(dir.resolve("b").resolve(FILE), "stale on b");
    round(a);
    round(a);
    round(b);
    handles.get(0).writeOnStop = "written by a at its stop";
    directives.requestSwitchover(new Switchover("beat", "a", 1, "b", "ops", Duration.ZERO));
    round(a);
    round(a);
    assertThat(a.state().holding()).as("holds until the upload is done").isTrue();
    round(a);
    assertThat(a.state().holding()).isFalse();
    round(b);
    round(b);

    assertThat(b.state().service()).isEqualTo(ServiceState.RUNNING);
    assertThat(seenAtStart).containsExactly("-", "written by a at its stop");
    assertThat(read(dir.resolve("b").resolve(FILE))).isEqualTo("written by a at its stop");
    assertThat(kinds("a"))
        .containsSubsequence(EventKind.STOPPED, EventKind.STATE_UPLOADED, EventKind.HANDED_OFF);
    assertThat(kinds("b"))
        .containsSubsequence(EventKind.TOOK_OVER, EventKind.STATE_RESTORED, EventKind.STARTED);
    assertThat(reason(EventKind.STATE_UPLOADED))
        .isEqualTo("state files uploaded after the planned stop: schedule.db (24 bytes)");
    assertThat(reason(EventKind.STATE_RESTORED))
        .isEqualTo("state files restored: schedule.db (24 bytes of epoch 1, stored 0.0 s ago)");
    assertThat(Files.list(dir.resolve("b"))).as("no temp file left").hasSize(1);
  }

  @Test
  void aShutdownUploadsBeforeItReleasesSoTheNextHolderResumes() {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    round(a);
    round(a);
    round(b);
    handles.get(0).writeOnStop = "a at shutdown";
    a.shutdown();
    for (int i = 0; i < 4; i++) {
      round(a);
    }
    assertThat(a.isDone()).isTrue();
    round(b);
    round(b);

    assertThat(seenAtStart).containsExactly("-", "a at shutdown");
    assertThat(kinds("a"))
        .containsSubsequence(EventKind.STOPPED, EventKind.STATE_UPLOADED, EventKind.RELEASED);
  }

  @Test
  void theHolderUploadsEveryIntervalWhileRunningAndAFailoverRestoresTheLastCopy() {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    round(a);
    round(a);
    Path onA = dir.resolve("a").resolve(FILE);
    write(onA, "v1");
    run(a, 4);
    assertThat(states.epochOf("beat", FILE)).as("not before state_interval").isZero();
    run(a, 2);
    assertThat(states.epochOf("beat", FILE)).isEqualTo(1);
    write(onA, "v2");
    run(a, 6);
    // a's controller is killed: no further upload, its lease expires
    write(onA, "v3, never uploaded");
    base.now += 11 * S;
    round(b);
    round(b);

    assertThat(seenAtStart).containsExactly("-", "v2");
    assertThat(kinds("a")).doesNotContain(EventKind.STATE_UPLOADED, EventKind.STATE_UPLOAD_FAILED);
    assertThat(kinds("b")).containsSubsequence(EventKind.FAILOVER, EventKind.STATE_RESTORED);
  }

  @Test
  void aCrashUploadsNothingAndTheRestartUnderTheSameEpochKeepsTheNodesFile() {
    ServiceController a = controller("a");
    round(a);
    round(a);
    write(dir.resolve("a").resolve(FILE), "left by the crash");
    handles.get(0).onExit.exited(1);
    round(a);
    round(a);

    assertThat(handles).hasSize(2);
    assertThat(seenAtStart).containsExactly("-", "left by the crash");
    assertThat(states.epochOf("beat", FILE)).isZero();
    assertThat(kinds("a")).doesNotContain(EventKind.STATE_UPLOADED);
    assertThat(kinds("a").stream().filter(k -> k == EventKind.STATE_RESTORED))
        .as("restored before the first start only")
        .hasSize(1);
  }

  @Test
  void aFailedRestoreIsAnEventAndTheServiceStartsAnyway() {
    ServiceController a = controller("a");
    states.down = true;
    round(a);
    round(a);

    assertThat(a.state().service()).isEqualTo(ServiceState.RUNNING);
    assertThat(kinds("a")).containsSubsequence(EventKind.STATE_RESTORE_FAILED, EventKind.STARTED);
    assertThat(reason(EventKind.STATE_RESTORE_FAILED))
        .isEqualTo(
            "state files not restored: metastore: down (schedule.db); starting with the files on"
                + " this node");
  }

  @Test
  void aFailedUploadAfterTheStopIsAnEventAndTheHandOffGoesOn() throws Exception {
    ServiceController a = controller("a");
    ServiceController b = controller("b");
    round(a);
    round(a);
    round(b);
    handles.get(0).writeOnStop = "lost";
    directives.requestSwitchover(new Switchover("beat", "a", 1, "b", "ops", Duration.ZERO));
    round(a);
    states.down = true;
    round(a);
    round(a);
    states.down = false;
    round(b);
    round(b);

    assertThat(a.state().holding()).isFalse();
    assertThat(b.state().service()).isEqualTo(ServiceState.RUNNING);
    assertThat(reason(EventKind.STATE_UPLOAD_FAILED))
        .isEqualTo(
            "state files not uploaded after the planned stop: metastore: down (schedule.db)");
    assertThat(kinds("b")).containsSubsequence(EventKind.STATE_RESTORED, EventKind.STARTED);
    assertThat(reason(EventKind.STATE_RESTORED))
        .isEqualTo("state files restored: none; none stored for: schedule.db");
  }
}
