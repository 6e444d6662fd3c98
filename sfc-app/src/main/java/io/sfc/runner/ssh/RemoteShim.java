package io.sfc.runner.ssh;

import io.sfc.runner.local.Scripts;
import io.sfc.runner.shell.ShellQuote;
import io.sfc.runner.shell.ShellResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure the watchdog shim is on each node: at the configured {@code shim_path}, or uploaded
 * over an exec channel to {@code ~/.cache/sfc/sfc-shim-<hash>} (written to a temporary name and
 * renamed, so a reader never sees a partial script) when no file of that content hash is there. The
 * path is remembered per node after the first check.
 */
final class RemoteShim {

  private final byte[] content;
  private final String name;
  private final Map<String, String> paths = new ConcurrentHashMap<>();

  RemoteShim() {
    this.content = load();
    this.name = "sfc-shim-" + sha256(content).substring(0, 16);
  }

  /** The shim's path on {@code target}'s host, as a shell word, uploading it if needed. */
  String path(SshConnections ssh, SshTarget target) throws IOException {
    String configured = target.settings().shimPath();
    if (configured != null) {
      return ShellQuote.quote(configured);
    }
    String known = paths.get(target.node());
    if (known != null) {
      return known;
    }
    ShellResult r = ssh.exec(target, uploadCommand(), content);
    if (!r.ok()) {
      throw new SshException(
          SshException.Stage.COMMAND,
          "cannot install the watchdog shim on " + target.describe() + ": " + r.lastLine());
    }
    String word = "\"$HOME/.cache/sfc/" + name + "\"";
    paths.put(target.node(), word);
    return word;
  }

  /** Checks the node again at the next start (e.g. after a start failed: the file may be gone). */
  void forget(SshTarget target) {
    paths.remove(target.node());
  }

  private String uploadCommand() {
    return "d=\"$HOME/.cache/sfc\"; p=\"$d/"
        + name
        + "\"; if [ ! -x \"$p\" ]; then mkdir -p \"$d\" && chmod 700 \"$d\" && cat > \"$p.$$\""
        + " && chmod 700 \"$p.$$\" && mv -f \"$p.$$\" \"$p\"; fi";
  }

  private static byte[] load() {
    try (InputStream in = Scripts.class.getResourceAsStream("/io/sfc/scripts/" + Scripts.SHIM)) {
      if (in == null) {
        throw new IllegalStateException("the shim is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
