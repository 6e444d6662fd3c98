package io.sfc.runner.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Test helpers for real processes, through /proc and kill(1). */
final class Procs {

  private Procs() {}

  /** Whether the process exists and is not a zombie. */
  static boolean alive(long pid) {
    String stat = stat(pid);
    if (stat == null) {
      return false;
    }
    char state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  /** Live (non-zombie) processes whose process group is {@code pgid}. */
  static List<Long> groupMembers(long pgid) {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("/proc"))) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("[0-9]+"))
          .map(Long::parseLong)
          .filter(pid -> pgidOf(pid) == pgid && alive(pid))
          .forEach(found::add);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  private static long pgidOf(long pid) {
    String stat = stat(pid);
    if (stat == null) {
      return -1;
    }
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[2]);
  }

  private static String stat(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      return null;
    }
  }

  /** Sends a signal with kill(1); {@code target} may be "-pgid". Best effort. */
  static void kill(String signal, String target) {
    try {
      Process p =
          new ProcessBuilder("kill", "-s", signal, "--", target)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** KILLs a whole process group. */
  static void killGroup(long pgid) {
    kill("KILL", "-" + pgid);
  }

  /** A bounded pool of named threads. */
  static ExecutorService pool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Wall clock in microseconds, comparable with bash's $EPOCHREALTIME. */
  static long nowMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }
}
