package io.sfc.core.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The small state files of a service ({@code state_files}) that move with its lease, and how often
 * the holder stores them while the service runs ({@code state_interval}).
 *
 * @param files the files, in the order written; empty when the service carries no state
 * @param interval time between two uploads while the service runs
 */
public record StateFiles(List<File> files, Duration interval) {

  /** The default {@code state_interval}. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** A service without state files. */
  public static final StateFiles NONE = new StateFiles(List.of(), DEFAULT_INTERVAL);

  /**
   * One state file.
   *
   * @param name its name in the metastore: the path as configured
   * @param path where it is read and written: absolute, or relative to the controller's working
   *     directory (the service's too when it has no {@code working_dir})
   */
  public record File(String name, Path path) {
    public File {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
    }
  }

  public StateFiles {
    files = List.copyOf(files);
    Objects.requireNonNull(interval, "interval");
  }

  /** True when the service carries state files. */
  public boolean any() {
    return !files.isEmpty();
  }

  /** The configured names, joined for messages. */
  public String names() {
    return String.join(", ", files.stream().map(File::name).toList());
  }
}
