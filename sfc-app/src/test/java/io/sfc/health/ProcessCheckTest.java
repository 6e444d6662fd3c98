package io.sfc.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sfc.core.port.HealthCheck.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The process check against real processes: stopped with SIGSTOP, continued, a zombie, gone. */
class ProcessCheckTest {
  final List<Process> started = new ArrayList<>();
  final ProcessCheck check = new ProcessCheck();

  @AfterEach
  void tearDown() {
    started.forEach(Process::destroyForcibly);
  }

  Process start(String... command) throws Exception {
    Process p = new ProcessBuilder(command).start();
    started.add(p);
    return p;
  }

  static void signal(String sig, long pid) throws Exception {
    new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor();
  }

  boolean unhealthy(long pid) {
    try {
      return !check.check(pid).healthy();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void aStoppedProcessIsUnhealthyUntilContinued() throws Exception {
    long pid = start("sleep", "60").pid();
    assertThat(check.check(pid).healthy()).isTrue();
    signal("STOP", pid);
    await().atMost(Duration.ofSeconds(10)).until(() -> !check.check(pid).healthy());
    assertThat(check.check(pid).detail())
        .isEqualTo("process " + pid + " is stopped (state T, e.g. SIGSTOP)");
    signal("CONT", pid);
    await().atMost(Duration.ofSeconds(10)).until(() -> check.check(pid).healthy());
  }

  @Test
  void aZombieIsUnhealthy() throws Exception {
    // The child sleep ends at once; its parent (exec'd into a long sleep) never reaps it.
    Process parent = start("sh", "-c", "sleep 0 & exec sleep 60");
    long zombie =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    parent
                        .toHandle()
                        .children()
                        .mapToLong(ProcessHandle::pid)
                        .findFirst()
                        .orElse(-1),
                p -> p > 0 && unhealthy(p));
    Result r = check.check(zombie);
    assertThat(r.detail()).isEqualTo("process " + zombie + " is a zombie (state Z)");
  }

  @Test
  void anEndedOrUnknownProcessIsLeftToTheShim() throws Exception {
    Process p = start("true");
    p.waitFor();
    assertThat(check.check(p.pid()).healthy()).isTrue();
    assertThat(check.check(-1).healthy()).isTrue();
  }

  @Test
  void theStateIsReadAfterTheLastParenthesisOfTheName() {
    assertThat(ProcessCheck.state("42 (a) T (b)) T 1 42")).isEqualTo('T');
    assertThat(ProcessCheck.state("42 (sleep) S 1")).isEqualTo('S');
    assertThat(ProcessCheck.state("garbage")).isEqualTo('?');
  }
}
