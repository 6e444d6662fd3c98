package io.sfc.runner.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * The shell scripts shipped with sfc ({@value #SHIM}, {@value #STANDIN}), extracted from the class
 * path to files that can be executed.
 *
 * <p>Each script goes to {@code <root>/<content-hash>/<name>}, where the default root is {@code
 * ${java.io.tmpdir}/sfc-scripts-<user>}, a directory private to the user. Extraction writes a
 * temporary file and moves it into place atomically, so several JVMs may extract at once and a
 * reader never sees a partial script. Extracting again is cheap and returns the same path.
 */
public final class Scripts {

  /** The watchdog shim (DESIGN.md §2.4). */
  public static final String SHIM = "sfc-shim";

  /** The stand-in service that appends to a ledger. */
  public static final String STANDIN = "sfc-standin";

  private static final String RESOURCE_DIR = "/io/sfc/scripts/";
  private static final Set<PosixFilePermission> PRIVATE_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> EXECUTABLE =
      PosixFilePermissions.fromString("r-x------");

  private Scripts() {}

  /** The default cache root: {@code ${java.io.tmpdir}/sfc-scripts-<user>}. */
  public static Path defaultRoot() {
    String user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "sfc-scripts-" + user);
  }

  /** Extracts the named script under {@link #defaultRoot()} and returns its executable path. */
  public static Path path(String name) {
    return extract(name, defaultRoot());
  }

  /**
   * Extracts the named script under {@code root} (created private to the user if missing) and
   * returns its executable path.
   *
   * @throws IllegalArgumentException if no such script is shipped
   * @throws UncheckedIOException if it cannot be written, or {@code root} is not a private
   *     directory of this user
   */
  public static Path extract(String name, Path root) {
    byte[] content = load(name);
    try {
      Path dir = root.resolve(sha256(content).substring(0, 16));
      privateDir(root);
      privateDir(dir);
      Path target = dir.resolve(name);
      if (!upToDate(target, content)) {
        install(dir, target, content);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract script " + name + " under " + root, e);
    }
  }

  private static byte[] load(String name) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("bad script name: " + name);
    }
    try (InputStream in = Scripts.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no such script: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script resource " + name, e);
    }
  }

  /** Creates {@code dir} as rwx------, or checks that the existing one is ours and not a link. */
  private static void privateDir(Path dir) throws IOException {
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
    } catch (FileAlreadyExistsException e) {
      // checked below
    }
    boolean isDir = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal me = currentUser(dir.getParent());
    if (!isDir || !owner.equals(me)) {
      throw new IOException(dir + " is not a directory owned by " + me.getName());
    }
  }

  /** The user this JVM runs as: the owner of a file it creates (no name or uid look-up). */
  private static UserPrincipal currentUser(Path near) throws IOException {
    Path probe = Files.createTempFile(near, ".owner", ".tmp");
    try {
      return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
    } finally {
      Files.delete(probe);
    }
  }

  private static boolean upToDate(Path target, byte[] content) throws IOException {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || !Files.isExecutable(target)) {
      return false;
    }
    return Files.size(target) == content.length
        && MessageDigest.isEqual(Files.readAllBytes(target), content);
  }

  private static void install(Path dir, Path target, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, content);
      Files.setPosixFilePermissions(tmp, EXECUTABLE);
      moveAtomically(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void moveAtomically(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("file system of " + target + " cannot move files atomically", e);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
