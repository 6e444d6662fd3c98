package io.sfc.reader;

import io.sfc.secret.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Secret keys ({@code password}, {@code token}) and their {@code *_file} forms: {@code
 * password_file: /run/credentials/sfc.service/db-password} reads the value from a file at load time
 * (as systemd's {@code LoadCredential=} and container secrets provide it), one trailing newline
 * stripped. Every secret value read is remembered by {@link Secrets} so that no output shows it.
 */
public final class SecretKeys {

  public static final Set<String> SECRET = Set.of("password", "token");
  public static final String FILE_SUFFIX = "_file";

  private SecretKeys() {}

  /** {@code known} plus the {@code *_file} form of each secret key in it. */
  public static List<String> withFileForms(List<String> known) {
    List<String> out = new ArrayList<>(known);
    for (String k : known) {
      if (SECRET.contains(k)) {
        out.add(k + FILE_SUFFIX);
      }
    }
    return out;
  }

  /**
   * An optional secret from {@code key} or {@code key_file}; null when absent or after reporting.
   */
  public static String string(Section s, String key) {
    String inline = s.string(key);
    String file = s.string(key + FILE_SUFFIX);
    if (inline != null && file != null) {
      s.report(
          key + FILE_SUFFIX,
          "is given together with "
              + key
              + ": ; keep only one of "
              + key
              + " and "
              + key
              + FILE_SUFFIX);
      return null;
    }
    String value = file == null ? inline : read(s, key + FILE_SUFFIX, file);
    Secrets.remember(value);
    return value;
  }

  /** A required secret from {@code key} or {@code key_file}; null after reporting. */
  public static String required(Section s, String key, String fix) {
    if (s.get(key) == null && s.get(key + FILE_SUFFIX) == null) {
      s.require(key, fix + ", or " + key + FILE_SUFFIX + ": with the path of a file holding it");
      return null;
    }
    return string(s, key);
  }

  private static String read(Section s, String key, String file) {
    Path path = Path.of(file);
    try {
      String v = Files.readString(path, StandardCharsets.UTF_8);
      return v.endsWith("\r\n")
          ? v.substring(0, v.length() - 2)
          : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
    } catch (IOException | RuntimeException e) {
      s.report(
          key,
          "cannot read '"
              + path.toAbsolutePath()
              + "' ("
              + (Files.exists(path) ? "not readable by the sfc user" : "no such file")
              + "); give the path of a readable file holding the secret");
      return null;
    }
  }
}
