package io.sfc.config;

import java.util.List;

/**
 * The command of the {@code celery-beat} preset: a POSIX {@code sh} step that checks beat's
 * schedule file before it execs {@code celery beat}.
 *
 * <p>Celery's default schedule store is a {@code shelve}. Without {@code python3-gdbm}, Debian's
 * Python writes it as a Berkeley DB that is flushed only on a clean close, so a SIGKILL (OOM
 * killer, crash, or sfc's own KILL after {@code stop_timeout}) can leave a file that every later
 * beat start fails on (exit 1, e.g. {@code UnpicklingError} or {@code _dbm.error}); celery repairs
 * only the errors it sees when opening the file. The step opens the file with the interpreter
 * {@code celery} runs on (its {@code #!} line, else {@code python3}), reads the entries, writes and
 * deletes a probe key; when that fails it moves every file of the store aside (suffix {@code
 * .unreadable-<time>}) and says so on stderr (the service log), and beat starts with a fresh
 * schedule. When a file cannot be moved, it exits 78 with the file named. The step runs on the node
 * that starts beat, so it works for local and remote placement alike.
 */
final class BeatLauncher {

  /** Celery's default {@code --schedule}, relative to the working directory. */
  static final String DEFAULT_SCHEDULE = "celerybeat-schedule";

  /** {@code $0} is the name in messages, {@code $1} the schedule file, the rest celery's argv. */
  static final String SCRIPT =
      """
      s=$1; shift
      py=python3
      c=$(command -v "$1") && case $(head -n 1 "$c") in '#!'*python*) \
      py=$(head -n 1 "$c" | cut -c 3-) ;; esac
      found=
      for x in "$s" "$s.db" "$s.dat" "$s.dir" "$s.bak"; do [ -e "$x" ] && found=1; done
      if [ -n "$found" ] && ! err=$($py -c 'import shelve, sys
      d = shelve.open(sys.argv[1])
      e = d.get("entries", {})
      assert isinstance(e, dict), "entries is not a dict"
      assert all(hasattr(v, "is_due") for v in e.values()), "an entry is not a schedule entry"
      d["__sfc_probe__"] = 1
      del d["__sfc_probe__"]
      d.close()' "$s" 2>&1); then
        t=$(date +%Y%m%dT%H%M%S)
        for x in "$s" "$s.db" "$s.dat" "$s.dir" "$s.bak"; do
          if [ -e "$x" ] && ! mv -f "$x" "$x.unreadable-$t"; then
            echo "$0: cannot move the unreadable schedule file $x aside; fix its permissions\
       or remove it" >&2
            exit 78
          fi
        done
        echo "$0: schedule file $s cannot be opened or written\
       ($(printf '%s\\n' "$err" | tail -n 1)); moved it aside (suffix .unreadable-$t);\
       beat starts with a fresh schedule" >&2
      fi
      exec "$@"
      """;

  /** The suffixes of the files Python's {@code shelve} writes for a schedule file, by backend. */
  static final List<String> STORE_SUFFIXES = List.of("", ".db", ".dat", ".dir", ".bak");

  private BeatLauncher() {}

  /**
   * The files of schedule store {@code schedule} on any of Python's {@code dbm} backends: gdbm
   * writes the name itself, Berkeley DB ({@code dbm.ndbm} on Debian) adds {@code .db}, {@code
   * dbm.dumb} writes {@code .dat}, {@code .dir} and {@code .bak}. These are the preset's {@code
   * state_files}; the ones a node's backend does not write are absent, and an absent file is not
   * uploaded.
   */
  static List<String> storeFiles(String schedule) {
    return STORE_SUFFIXES.stream().map(s -> schedule + s).toList();
  }

  /** The preset's command for celery application {@code app} and schedule file {@code schedule}. */
  static List<String> command(String app, String schedule) {
    return List.of(
        "sh",
        "-c",
        SCRIPT,
        "sfc-celery-beat",
        schedule,
        "celery",
        "-A",
        app,
        "beat",
        "--pidfile=",
        "--schedule=" + schedule);
  }
}
