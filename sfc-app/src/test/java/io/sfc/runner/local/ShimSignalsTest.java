package io.sfc.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim run directly, started the way a controller launched from a script's background job is
 * ({@code nohup sfc start &} leaves SIGINT and SIGQUIT ignored, and ignored signals survive exec).
 */
class ShimSignalsTest {
  static final long SIGINT_BIT = 1L << (2 - 1);

  @TempDir Path tmp;
  Process shim;

  @AfterEach
  void tearDown() {
    if (shim != null) {
      shim.descendants().forEach(ProcessHandle::destroyForcibly);
      shim.destroyForcibly();
    }
  }

  @Test
  void theServiceCanBeStoppedByIntEvenWhenTheControllerIgnoresIt() throws Exception {
    Path mask = tmp.resolve("service-sigign");
    shim =
        underIgnoredInt(
            "bash",
            "-c",
            "grep SigIgn /proc/$$/status > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"; exec sleep 1000",
            "service",
            mask.toString());
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(mask));

    stop(shim);

    assertThat(shim.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(shim.exitValue())
        .as("killed by INT, not by KILL after the stop timeout")
        .isEqualTo(128 + 2);
    long ignored = Long.parseLong(Files.readString(mask).replace("SigIgn:", "").trim(), 16);
    assertThat(ignored & SIGINT_BIT).as("service's ignored signals %x", ignored).isZero();
  }

  /** A stop right after the pid line must not race the reset of the service's signals. */
  @Test
  void aStopRightAfterTheStartIsAlsoByInt() throws Exception {
    for (int i = 0; i < 20; i++) {
      shim = underIgnoredInt("sleep", "1000");
      stop(shim);
      assertThat(shim.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(shim.exitValue()).as("attempt %d", i).isEqualTo(128 + 2);
    }
  }

  /**
   * Starts the shim (stop signal INT) with SIGINT and SIGQUIT ignored; returns after its pid line.
   */
  private Process underIgnoredInt(String... command) throws Exception {
    Path script = Scripts.extract(Scripts.SHIM, tmp.resolve("root"));
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", "trap '' INT QUIT; exec \"$@\""));
    cmd.addAll(List.of("launcher", script.toString(), "INT", "3000", "3000", "60000", "--"));
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).startsWith("pid ");
    return p;
  }

  private static void stop(Process p) throws Exception {
    try (Writer feed = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      feed.write("stop 60000\n");
    }
  }
}
