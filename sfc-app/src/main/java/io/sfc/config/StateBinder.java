package io.sfc.config;

import io.sfc.core.model.StateFiles;
import io.sfc.core.port.StateStore;
import io.sfc.reader.Node;
import io.sfc.reader.Section;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a service's {@code state_files} (small files carried through the metastore with the lease,
 * at most {@link StateStore#MAX_BYTES} each) and {@code state_interval}.
 */
final class StateBinder {
  static final List<String> KEYS = List.of("state_files", "state_interval");

  /** The most state files one service may carry. */
  static final int MAX_FILES = 16;

  private static final String EXAMPLE = "state_files: [/var/lib/beat/celerybeat-schedule]";

  private StateBinder() {}

  /**
   * The service's state files: its own {@code state_files}, else the preset's ({@code preset},
   * possibly empty), resolved against {@code workingDir}.
   *
   * @param preset the preset's files as celery writes them: relative ones are relative to the
   *     service's working directory, the controller's when it has no {@code working_dir}
   * @param remote true when the service runs on another host over SSH
   */
  static StateFiles bind(Section s, Path workingDir, List<String> preset, boolean remote) {
    Duration interval = s.duration("state_interval", StateFiles.DEFAULT_INTERVAL);
    Node list = s.list("state_files", EXAMPLE);
    if (list == null) {
      if (s.get("state_files") == null && s.get("state_interval") != null && preset.isEmpty()) {
        s.report(
            "state_interval",
            "is set but state_files is not; add state_files: [FILE, ...] or remove state_interval");
      }
      return s.get("state_files") == null && !remote
          ? preset(preset, workingDir, interval)
          : none();
    }
    List<StateFiles.File> files = files(s, list, workingDir);
    if (!files.isEmpty() && remote) {
      s.report(
          "state_files",
          "are read and written on the controller's machine, but this service runs on the node's"
              + " host over SSH (placement: remote); remove state_files or use placement: local");
      return none();
    }
    return new StateFiles(files, interval);
  }

  private static StateFiles none() {
    return StateFiles.NONE;
  }

  private static StateFiles preset(List<String> names, Path workingDir, Duration interval) {
    List<StateFiles.File> files = new ArrayList<>();
    for (String name : names) {
      Path p = Path.of(name);
      files.add(new StateFiles.File(name, workingDir == null ? p : workingDir.resolve(p)));
    }
    return new StateFiles(files, interval);
  }

  private static List<StateFiles.File> files(Section s, Node list, Path workingDir) {
    if (list.items().size() > MAX_FILES) {
      s.report(
          "state_files",
          "names "
              + list.items().size()
              + " files; a service may carry at most "
              + MAX_FILES
              + " (each at most 1 MiB): keep only the files the service needs to resume");
      return List.of();
    }
    List<StateFiles.File> out = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    boolean bad = false;
    for (Node item : list.items()) {
      StateFiles.File f = file(s, item, workingDir);
      if (f == null) {
        bad = true;
      } else if (!seen.add(f.path().normalize())) {
        s.problems().at(item, "'" + f.name() + "' is listed twice; list every state file once");
        bad = true;
      } else {
        out.add(f);
      }
    }
    return bad ? List.of() : out;
  }

  private static StateFiles.File file(Section s, Node item, Path workingDir) {
    String name = s.text(item);
    if (name == null) {
      return null;
    }
    if (name.isBlank() || name.endsWith("/")) {
      s.problems().at(item, "'" + name + "' is not a file name; " + fix());
      return null;
    }
    Path p;
    try {
      p = Path.of(name);
    } catch (InvalidPathException e) {
      s.problems().at(item, "'" + name + "' is not a valid path; " + fix());
      return null;
    }
    if (p.isAbsolute()) {
      return new StateFiles.File(name, p);
    }
    if (workingDir == null) {
      s.problems()
          .at(
              item,
              "'"
                  + name
                  + "' is a relative path, and the service has no working_dir to resolve it"
                  + " against; use an absolute path or set working_dir");
      return null;
    }
    return new StateFiles.File(name, workingDir.resolve(p));
  }

  private static String fix() {
    return "give each state file as an absolute path, or relative to working_dir";
  }
}
