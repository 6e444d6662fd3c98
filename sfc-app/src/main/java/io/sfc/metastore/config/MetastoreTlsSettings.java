package io.sfc.metastore.config;

import io.sfc.metastore.MetastoreTls;
import io.sfc.reader.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads {@code metastore.tls} (etcd and ZooKeeper): PEM files for the CA and the client. */
final class MetastoreTlsSettings {
  static final List<String> KEYS = List.of("ca", "cert", "key");

  private MetastoreTlsSettings() {}

  /** The TLS files, or null when problems were reported. */
  static MetastoreTls bind(Section s, Path baseDir) {
    int before = s.problems().count();
    Path ca = file(s, "ca", baseDir);
    Path cert = file(s, "cert", baseDir);
    Path key = file(s, "key", baseDir);
    if ((cert == null) != (key == null) && s.problems().count() == before) {
      String missing = cert == null ? "cert" : "key";
      s.report(
          missing,
          "missing; a client certificate needs both cert: (PEM certificate) and key: (PEM PKCS#8"
              + " private key)");
    }
    return s.problems().count() > before ? null : new MetastoreTls(ca, cert, key);
  }

  private static Path file(Section s, String key, Path baseDir) {
    String name = s.string(key);
    if (name == null) {
      return null;
    }
    Path p = baseDir.resolve(name).normalize();
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      s.report(key, "'" + p + "' does not exist or is not a readable file; give a PEM file");
    }
    return p;
  }
}
