package io.sfc.lb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads Debian's {@code /etc/apache2/envvars} the way {@code apache2ctl} does: a POSIX shell
 * sources it (with {@code APACHE_CONFDIR} set as apache2ctl sets it) and the exported environment
 * afterwards is what httpd sees.
 */
public final class Envvars {
  private static final long TIMEOUT_SECONDS = 10;

  private Envvars() {}

  /**
   * The environment after sourcing {@code file} on top of {@code base}.
   *
   * @param confDir APACHE_CONFDIR when {@code base} does not set it (apache2ctl: /etc/apache2)
   */
  public static Map<String, String> read(Path file, Path confDir, Map<String, String> base)
      throws HttpdConfigException {
    if (!Files.isReadable(file)) {
      throw new HttpdConfigException(
          "--envvars " + file + ": no such readable file (Debian: /etc/apache2/envvars)");
    }
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", ". \"$1\" >/dev/null && env -0", "sh");
    pb.command().add(file.toString());
    pb.environment().clear();
    pb.environment().putAll(base);
    pb.environment().putIfAbsent("APACHE_CONFDIR", confDir.toString());
    pb.redirectErrorStream(false);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new HttpdConfigException(
            "--envvars " + file + ": sourcing it with /bin/sh failed: " + err);
      }
      return parse(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new HttpdConfigException(
          "--envvars " + file + ": cannot run /bin/sh: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpdConfigException("--envvars " + file + ": interrupted");
    }
  }

  private static Map<String, String> parse(String nulSeparated) {
    Map<String, String> env = new HashMap<>();
    for (String item : nulSeparated.split("\0")) {
      int eq = item.indexOf('=');
      if (eq > 0) {
        env.put(item.substring(0, eq), item.substring(eq + 1));
      }
    }
    return env;
  }
}
