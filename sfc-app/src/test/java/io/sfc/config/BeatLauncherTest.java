package io.sfc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The celery-beat preset's launch step with Debian's Python and its default shelve backend (a
 * Berkeley DB without python3-gdbm): a stand-in {@code celery} on the PATH (a Python script, so its
 * {@code #!} line names the interpreter) prints its arguments instead of running beat.
 */
class BeatLauncherTest {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  @TempDir Path dir;
  Path schedule;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON);
    Path celery = dir.resolve("bin/celery");
    Files.createDirectories(celery.getParent());
    Files.writeString(celery, "#!" + PYTHON + "\nimport sys\nprint('beat ran', *sys.argv[1:])\n");
    celery.toFile().setExecutable(true);
    schedule = dir.resolve("beat-schedule");
  }

  /** Runs the preset's command; its combined output. */
  String launch() throws Exception {
    List<String> command = new ArrayList<>(BeatLauncher.command("proj", schedule.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  /** Writes {@code key} with raw bytes {@code value} through Python's default dbm. */
  void writeRaw(String pythonBytes) throws Exception {
    String code =
        "import dbm, sys\nd = dbm.open(sys.argv[1], 'c')\nd[b'entries'] = "
            + pythonBytes
            + "\nd[b'__version__'] = b'x'\nd.close()\n";
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", code, schedule.toString()).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  List<String> files() throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("beat")).toList();
    }
  }

  @Test
  void aMissingScheduleStartsBeatWithoutAWord() throws Exception {
    assertThat(launch())
        .isEqualTo("beat ran -A proj beat --pidfile= --schedule=" + schedule + "\n");
  }

  @Test
  void aReadableScheduleIsLeftAsItIs() throws Exception {
    String store = "import shelve, sys\nd = shelve.open(sys.argv[1])\nd['entries'] = {}\nd.close()";
    new ProcessBuilder(PYTHON.toString(), "-c", store, schedule.toString()).start().waitFor();
    List<String> before = files();

    assertThat(launch()).startsWith("beat ran");
    assertThat(files()).isEqualTo(before).noneMatch(n -> n.contains("unreadable"));
  }

  /** A torn write of the entries (what a KILL during a sync leaves): beat itself exits 1 on it. */
  @Test
  void aTornScheduleIsMovedAsideAndBeatStartsFresh() throws Exception {
    writeRaw("b'\\x80\\x04garbage'");

    String out = launch();

    assertThat(out)
        .containsPattern(
            "sfc-celery-beat: schedule file "
                + schedule
                + " cannot be opened or written \\(_pickle.UnpicklingError: .*\\); moved it aside"
                + " \\(suffix .unreadable-\\d{8}T\\d{6}\\); beat starts with a fresh schedule\n")
        .endsWith("beat ran -A proj beat --pidfile= --schedule=" + schedule + "\n");
    assertThat(files()).allMatch(n -> n.contains(".unreadable-")).isNotEmpty();
  }

  @Test
  void entriesThatAreNotScheduleEntriesAreMovedAside() throws Exception {
    String store =
        "import shelve, sys\nd = shelve.open(sys.argv[1])\nd['entries'] = {'t': 5}\nd.close()";
    new ProcessBuilder(PYTHON.toString(), "-c", store, schedule.toString()).start().waitFor();

    assertThat(launch()).contains("(AssertionError: an entry is not a schedule entry)");
    assertThat(files()).allMatch(n -> n.contains(".unreadable-"));
  }
}
