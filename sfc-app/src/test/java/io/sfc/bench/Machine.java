package io.sfc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the bench runs on, in one line. */
final class Machine {
  private Machine() {}

  static String describe() {
    return Runtime.getRuntime().availableProcessors()
        + " cores ("
        + cpuModel()
        + "), "
        + memory()
        + " memory, JDK "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version");
  }

  private static String memory() {
    return grep(Path.of("/proc/meminfo"), "MemTotal:")
        .map(l -> (Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024) + " GiB")
        .orElse("?");
  }

  private static String cpuModel() {
    return grep(Path.of("/proc/cpuinfo"), "model name")
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .orElse("?");
  }

  private static java.util.Optional<String> grep(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
