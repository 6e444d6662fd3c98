package io.sfc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sfc demo} interrupted by Ctrl-C at a real terminal: the demo runs under {@code script},
 * which gives it a pseudo-terminal, and the test types Ctrl-C (byte 3) into it, so the terminal's
 * line discipline sends SIGINT to the whole foreground process group, as a user's Ctrl-C does. The
 * demo must stop every process it started, print no stack trace, exit 130 (or 0) and remove its
 * temporary directory. SIGINT is reset to its default first: a build started in the background
 * ({@code mvn verify &}, {@code nohup}) leaves it ignored, ignored signals survive exec, and a JVM
 * that starts with SIGINT ignored keeps it ignored and never runs its shutdown hooks on Ctrl-C.
 */
class DemoInterruptIT {
  static final Pattern WORK_DIR = Pattern.compile("sfc demo in (\\S+) ");
  Process script;

  @AfterEach
  void cleanUp() {
    if (script != null && script.isAlive()) {
      script.descendants().forEach(ProcessHandle::destroyForcibly);
      script.destroyForcibly();
    }
  }

  @Test
  void ctrlCStopsEverythingItStartedWithoutAStackTrace() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String demo = java + " -jar " + System.getProperty("sfc.jar") + " demo";
    List<String> terminal =
        List.of("env", "--default-signal=INT", "script", "-qfec", demo, "/dev/null");
    script = new ProcessBuilder(terminal).redirectErrorStream(true).start();
    Output out = new Output(script.getInputStream());

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> out.text().contains("Ctrl-C stops everything") || !script.isAlive());
    assertThat(out.text()).as("demo output").contains("Ctrl-C stops everything");
    Path work = workDir(out.text());
    List<ProcessHandle> started = script.descendants().toList();
    assertThat(started).as("demo processes").hasSizeGreaterThanOrEqualTo(4);

    ctrlC(script.getOutputStream());

    boolean ended = script.waitFor(60, TimeUnit.SECONDS);
    assertThat(ended).as("demo ended after Ctrl-C; output:%n%s%s", out.text(), dumps()).isTrue();
    String text = out.text();
    assertThat(script.exitValue()).as("exit code; output:%n%s", text).isIn(0, 130);
    assertThat(text).contains("stopping the demo cluster", "removed " + work);
    assertThat(text).doesNotContain("Exception", "\tat ", "\n    at ");
    assertThat(started).as("processes the demo started").noneMatch(ProcessHandle::isAlive);
    assertThat(work).doesNotExist();
  }

  /** Thread dumps of the demo's JVMs that still run, to explain a demo that did not end. */
  private String dumps() {
    StringBuilder b = new StringBuilder();
    String jstack = Path.of(System.getProperty("java.home"), "bin", "jstack").toString();
    script
        .descendants()
        .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
        .forEach(
            h -> b.append("\n--- jstack ").append(h.pid()).append(" ---\n").append(run(jstack, h)));
    return b.toString();
  }

  private static String run(String jstack, ProcessHandle h) {
    try {
      Process p =
          new ProcessBuilder(jstack, Long.toString(h.pid())).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(20, TimeUnit.SECONDS);
      return text;
    } catch (IOException e) {
      return "jstack failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static void ctrlC(OutputStream terminal) throws IOException {
    terminal.write(3);
    terminal.flush();
  }

  private static Path workDir(String text) {
    Matcher m = WORK_DIR.matcher(text);
    assertThat(m.find()).as("work dir in:%n%s", text).isTrue();
    Path work = Path.of(m.group(1));
    assertThat(Files.isDirectory(work)).isTrue();
    return work;
  }

  /** Collects a stream on a thread of its own. */
  static final class Output {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Output(InputStream in) {
      Thread t = new Thread(() -> copy(in), "demo-output");
      t.setDaemon(true);
      t.start();
    }

    private void copy(InputStream in) {
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          synchronized (bytes) {
            bytes.write(buf, 0, n);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
