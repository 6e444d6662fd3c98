package io.sfc.core.control;

import io.sfc.core.decide.Outcome;
import io.sfc.core.model.Lease;
import io.sfc.core.model.StateFiles;
import io.sfc.core.model.StoredState;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The I/O of a service's state files ({@code state_files}): uploads them to the {@link StateStore}
 * under the lease held and writes the stored copies in place before a start. Runs on the action
 * executor, never on the loop thread; every call returns an {@link Outcome} and never throws, so a
 * failure is an event and never ends the loop.
 */
final class StateCarrier {
  private final String service;
  private final StateFiles files;
  private final StateStore store;
  private final MetastoreCaller caller;

  StateCarrier(String service, StateFiles files, StateStore store, MetastoreCaller caller) {
    this.service = service;
    this.files = files;
    this.store = store;
    this.caller = caller;
  }

  /**
   * Uploads every state file that exists, each conditional on {@code lease}; stops at the first
   * failure or refusal. An absent file is skipped (its stored copy, if any, stays).
   */
  Outcome upload(Lease lease, boolean afterStop) {
    List<String> stored = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (StateFiles.File f : files.files()) {
      String failed = uploadOne(lease, f, stored, absent);
      if (failed != null) {
        return new Outcome.StateUploadFailed(afterStop, failed);
      }
    }
    return new Outcome.StateUploaded(afterStop, summary(stored, "absent on this node", absent));
  }

  /** Uploads {@code f}; null when stored or absent, else why not. */
  private String uploadOne(
      Lease lease, StateFiles.File f, List<String> stored, List<String> absent) {
    try {
      Optional<byte[]> bytes = read(f);
      if (bytes.isEmpty()) {
        absent.add(f.name());
        return null;
      }
      byte[] b = bytes.get();
      if (!caller.call(() -> store.put(lease, f.name(), b))) {
        return "refused for "
            + f.name()
            + ": the lease at epoch "
            + lease.epoch()
            + " is no longer current, or a newer holder stored a copy";
      }
      stored.add(f.name() + " (" + b.length + " bytes)");
      return null;
    } catch (IOException e) {
      return "cannot read " + f.path() + ": " + describe(e);
    } catch (MetastoreException e) {
      return "metastore: " + e.getMessage() + " (" + f.name() + ")";
    } catch (RuntimeException e) {
      return e.getMessage() == null ? String.valueOf(e) : e.getMessage();
    }
  }

  /** The file's content, or empty when it does not exist. */
  private Optional<byte[]> read(StateFiles.File f) throws IOException {
    try {
      long size = Files.size(f.path());
      StateStore.checkSize(service, f.name(), (int) Math.min(size, Integer.MAX_VALUE));
      byte[] b = Files.readAllBytes(f.path());
      StateStore.checkSize(service, f.name(), b.length);
      return Optional.of(b);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes the newest stored copy of every state file in place (a temporary file beside it, then an
   * atomic rename); a file never stored is left as it is on this node.
   */
  Outcome restore(long instance) {
    List<String> restored = new ArrayList<>();
    List<String> none = new ArrayList<>();
    for (StateFiles.File f : files.files()) {
      try {
        Optional<StoredState> copy = caller.call(() -> store.get(service, f.name()));
        if (copy.isEmpty()) {
          none.add(f.name());
        } else {
          write(f.path(), copy.get().bytes());
          restored.add(describe(f, copy.get()));
        }
      } catch (IOException e) {
        return new Outcome.StateRestoreFailed(
            instance, "cannot write " + f.path() + ": " + describe(e));
      } catch (MetastoreException e) {
        return new Outcome.StateRestoreFailed(
            instance, "metastore: " + e.getMessage() + " (" + f.name() + ")");
      } catch (RuntimeException e) {
        return new Outcome.StateRestoreFailed(instance, String.valueOf(e));
      }
    }
    return new Outcome.StateRestored(instance, summary(restored, "none stored for", none));
  }

  private static String describe(StateFiles.File f, StoredState s) {
    return String.format(
        Locale.ROOT,
        "%s (%d bytes of epoch %d, stored %.1f s ago)",
        f.name(),
        s.size(),
        s.epoch(),
        s.age().toMillis() / 1000.0);
  }

  /** Writes {@code bytes} to {@code path} atomically: temp file in the same directory, rename. */
  static void write(Path path, byte[] bytes) throws IOException {
    Path abs = path.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + abs.getFileName() + ".sfc-restore");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String summary(List<String> done, String otherLabel, List<String> other) {
    String head = done.isEmpty() ? "none" : String.join(", ", done);
    return other.isEmpty() ? head : head + "; " + otherLabel + ": " + String.join(", ", other);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e instanceof NoSuchFileException ? "no such file or directory (" + m + ")" : m;
  }
}
