package io.sfc.metastore;

import java.nio.file.Path;

/**
 * TLS to an etcd or ZooKeeper metastore, from PEM files.
 *
 * @param ca the CA certificates that sign the servers' certificates, or null for the JVM's default
 *     trust store
 * @param cert this controller's client certificate (chain), or null for none
 * @param key the unencrypted PKCS#8 private key of {@code cert} (with {@code cert})
 */
public record MetastoreTls(Path ca, Path cert, Path key) {

  /** What is trusted, for messages: the CA file or the JVM's default trust store. */
  public String trusted() {
    return ca == null ? "the JVM's default trust store" : "metastore.tls.ca (" + ca + ")";
  }
}
