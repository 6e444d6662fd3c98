package io.sfc.metastore.zookeeper;

import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.MetastoreTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.util.PemReader;

/**
 * TLS to ZooKeeper for one client, from the PEM files of {@code metastore.tls}: a {@link
 * ZKClientConfig} with {@code zookeeper.client.secure}, the Netty client socket and PEM trust and
 * key stores. Everything is set on the client's own configuration, never as System properties, and
 * every TLS key is set explicitly so that {@code zookeeper.ssl.*} System properties of the JVM do
 * not leak in.
 *
 * <p>ZooKeeper reads a PEM key store from one file holding the certificate chain and the key. When
 * {@code cert} and {@code key} are different files, their contents are copied into one file
 * readable only by this user, in a fresh directory readable only by this user; {@link #close}
 * deletes it (give one combined file as both {@code cert} and {@code key} to avoid the copy).
 */
final class ZkTls implements AutoCloseable {
  private final ZKClientConfig config;
  private final Path copy;

  private ZkTls(ZKClientConfig config, Path copy) {
    this.config = config;
    this.copy = copy;
  }

  /**
   * Checks the PEM files and builds the client configuration.
   *
   * @throws MetastoreException (rejected) when a file cannot be read as PEM
   */
  static ZkTls of(MetastoreTls tls) throws MetastoreException {
    check(tls);
    Path keyStore = null;
    Path copy = null;
    if (tls.cert() != null) {
      copy = tls.cert().equals(tls.key()) ? null : combined(tls);
      keyStore = copy == null ? tls.cert() : copy;
    }
    return new ZkTls(config(tls.ca(), keyStore), copy);
  }

  /** The configuration to give the Curator client. */
  ZKClientConfig config() {
    return config;
  }

  private static ZKClientConfig config(Path ca, Path keyStore) {
    ZKClientConfig c = new ZKClientConfig();
    c.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
    c.setProperty(
        ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, ClientCnxnSocketNetty.class.getName());
    try (ClientX509Util x = new ClientX509Util()) {
      c.setProperty(x.getSslTruststoreLocationProperty(), ca == null ? "" : ca.toString());
      c.setProperty(x.getSslTruststoreTypeProperty(), ca == null ? "" : "PEM");
      c.setProperty(x.getSslTruststorePasswdProperty(), "");
      c.setProperty(
          x.getSslKeystoreLocationProperty(), keyStore == null ? "" : keyStore.toString());
      c.setProperty(x.getSslKeystoreTypeProperty(), keyStore == null ? "" : "PEM");
      c.setProperty(x.getSslKeystorePasswdProperty(), "");
      c.setProperty(x.getSslHostnameVerificationEnabledProperty(), "true");
      c.setProperty(x.getSslContextSupplierClassProperty(), "");
    }
    return c;
  }

  /** Reads the files as ZooKeeper will, so that a bad file is named before connecting. */
  private static void check(MetastoreTls tls) throws MetastoreException {
    try {
      if (tls.ca() != null) {
        PemReader.loadTrustStore(tls.ca().toFile());
      }
      if (tls.cert() != null) {
        PemReader.loadKeyStore(tls.cert().toFile(), tls.key().toFile(), Optional.empty());
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new MetastoreException(
          MetastoreException.Kind.REJECTED,
          "cannot use the ZooKeeper TLS files (metastore.tls): "
              + e.getMessage()
              + "; give PEM files: ca and cert as certificates, key as an unencrypted PKCS#8 key",
          e);
    }
  }

  private static Path combined(MetastoreTls tls) throws MetastoreException {
    try {
      Path dir =
          Files.createTempDirectory(
              "sfc-zk-tls-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path file =
          Files.createFile(
              dir.resolve("client.pem"),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      dir.toFile().deleteOnExit();
      file.toFile().deleteOnExit();
      String pem = Files.readString(tls.cert()) + "\n" + Files.readString(tls.key());
      Files.writeString(file, pem);
      return file;
    } catch (IOException e) {
      throw new MetastoreException(
          "cannot write the ZooKeeper client key store (certificate and key in one file): "
              + e.getMessage()
              + "; give one PEM file with both as metastore.tls.cert and metastore.tls.key",
          e);
    }
  }

  /** Deletes the combined key store copy, if one was made. */
  @Override
  public void close() {
    if (copy == null) {
      return;
    }
    try {
      Files.deleteIfExists(copy);
      Files.deleteIfExists(copy.getParent());
    } catch (IOException e) {
      copy.toFile().deleteOnExit();
    }
  }
}
