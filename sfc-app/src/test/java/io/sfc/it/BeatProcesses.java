package io.sfc.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code celery beat} processes of one test, found in {@code /proc}: a process whose argv has
 * the element {@code beat} and the element {@code --schedule=<prefix>...}. Forks of the preset's
 * launch step share its command line, so one instance is one process group: only group leaders
 * count. The value names the node, taken from the schedule path {@code <prefix><node>/...}, or for
 * a relative schedule from the process's working directory {@code <prefix><node>}.
 */
final class BeatProcesses {
  private final Path root;
  private final String marker;

  BeatProcesses(Path scheduleRoot) {
    this.root = scheduleRoot;
    this.marker = "--schedule=" + scheduleRoot + "/";
  }

  /** pid (= process group) -> node of every beat of this test alive now (zombies excluded). */
  Map<Long, String> alive() {
    Map<Long, String> found = new TreeMap<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        String node = nodeOf(p);
        if (node != null) {
          found.put(Long.parseLong(p.getFileName().toString()), node);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return found;
  }

  private String nodeOf(Path proc) {
    try {
      String[] argv =
          new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
              .split("\0");
      String node = null;
      boolean beat = false;
      for (String a : argv) {
        beat |= a.equals("beat");
        if (a.startsWith(marker)) {
          node = a.substring(marker.length()).split("/", 2)[0];
        } else if (a.startsWith("--schedule=") && !a.startsWith("--schedule=/")) {
          node = nodeOfWorkingDir(proc);
        }
      }
      return beat && node != null && isGroupLeader(proc) ? node : null;
    } catch (IOException | RuntimeException e) {
      return null; // the process ended meanwhile
    }
  }

  /** A relative schedule lies in the working directory: the node whose directory that is. */
  private String nodeOfWorkingDir(Path proc) throws IOException {
    Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
    return cwd.startsWith(root) && cwd.getNameCount() > root.getNameCount()
        ? cwd.getName(root.getNameCount()).toString()
        : null;
  }

  /** pid == pgid and not a zombie, from /proc/<pid>/stat (fields after the command's ')'). */
  private static boolean isGroupLeader(Path proc) throws IOException {
    String stat = Files.readString(proc.resolve("stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return !f[0].equals("Z") && f[2].equals(proc.getFileName().toString());
  }
}
