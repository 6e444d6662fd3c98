package io.sfc.runner.shell;

import io.sfc.runner.local.Scripts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Process look-ups and fencing through the {@code sfc-procs} script, fed to {@code sh -s} on the
 * standard input of a {@link Shell}, so it works the same locally and over SSH with nothing
 * installed on the node (Linux {@code /proc} is required).
 */
public final class Procs {

  private static final byte[] SCRIPT = load();

  private final Shell shell;

  public Procs(Shell shell) {
    this.shell = shell;
  }

  public Shell shell() {
    return shell;
  }

  /** Runs one verb of the script. */
  public ShellResult run(String... args) throws IOException {
    return shell.run("sh -s -- " + ShellQuote.join(List.of(args)), SCRIPT);
  }

  /** Pids of live processes whose full command line is exactly {@code cmdline}. */
  public List<Long> byCommandLine(String cmdline) throws IOException {
    return pids(run("pattern", cmdline));
  }

  /** The pid in {@code pidfile} if that process lives (and has {@code cmdline}, when not null). */
  public Long byPidfile(String pidfile, String cmdline) throws IOException {
    List<Long> p = pids(run("pidfile", pidfile, cmdline == null ? "" : cmdline));
    return p.isEmpty() ? null : p.get(0);
  }

  /** The command line of {@code pid}, or null when it is gone or unreadable. */
  public String cmdline(long pid) throws IOException {
    ShellResult r = run("cmdline", Long.toString(pid));
    return r.ok() ? r.stdout().strip() : null;
  }

  /** Pids of the watchdog shims running {@code service} of {@code cluster}. */
  public List<Long> shims(String cluster, String service) throws IOException {
    return pids(run("shims", cluster, service));
  }

  private static List<Long> pids(ShellResult r) {
    List<Long> out = new ArrayList<>();
    if (!r.ok()) {
      return out;
    }
    for (String line : r.stdout().split("\n")) {
      String first = line.strip().split(" ")[0];
      if (first.matches("[0-9]+")) {
        out.add(Long.parseLong(first));
      }
    }
    return out;
  }

  private static byte[] load() {
    try (InputStream in = Scripts.class.getResourceAsStream("/io/sfc/scripts/sfc-procs")) {
      if (in == null) {
        throw new IllegalStateException("sfc-procs is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
