package io.sfc.runner.ssh;

import io.sfc.runner.ssh.SshSettings.HostKeyPolicy;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Checks a node's host key against a known_hosts file, as OpenSSH does: a key listed for the host
 * (as {@code host} for port 22, {@code [host]:port} otherwise, hashed entries included) is
 * accepted; a different key of the same type is a changed key and always refused; a host with no
 * key of that type is unknown: refused under {@link HostKeyPolicy#STRICT}, appended to the file
 * under {@link HostKeyPolicy#ACCEPT_NEW}.
 *
 * <p>One verifier per connection attempt: it keeps why it refused ({@link #refusal()}), naming the
 * host, the offered fingerprint and the file, for the connection error. It is kept here, not on the
 * session, because a key exchange that fails fast can close the session before the caller ever
 * holds it.
 */
final class KnownHostsVerifier implements ServerKeyVerifier {

  private final String host;
  private final int port;
  private final Path file;
  private final HostKeyPolicy policy;
  private volatile String refusal;

  KnownHostsVerifier(String host, int port, Path file, HostKeyPolicy policy) {
    this.host = host;
    this.port = port;
    this.file = file;
    this.policy = policy;
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
    try {
      List<PublicKey> known = knownKeys(KeyUtils.getKeyType(key));
      if (known.stream().anyMatch(k -> KeyUtils.compareKeys(k, key))) {
        return true;
      }
      if (!known.isEmpty()) {
        return refuse(changedMessage(key));
      }
      if (policy == HostKeyPolicy.ACCEPT_NEW) {
        append(key);
        return true;
      }
      return refuse(unknownMessage(key));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return refuse("cannot check the host key of " + name() + " in " + file + ": " + e);
    }
  }

  private boolean refuse(String message) {
    refusal = message;
    return false;
  }

  /** Why this verifier refused the host key, or null if it did not (or was not asked). */
  String refusal() {
    return refusal;
  }

  /** Keys of {@code type} listed for this host and port. */
  private List<PublicKey> knownKeys(String type) throws IOException, GeneralSecurityException {
    List<PublicKey> keys = new ArrayList<>();
    if (!Files.exists(file)) {
      return keys;
    }
    for (KnownHostEntry e : KnownHostEntry.readKnownHostEntries(file)) {
      if (e.getMarker() == null && e.isHostMatch(host, port) && e.getKeyEntry() != null) {
        PublicKey k = e.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        if (k != null && type.equals(KeyUtils.getKeyType(k))) {
          keys.add(k);
        }
      }
    }
    return keys;
  }

  private void append(PublicKey key) throws IOException {
    StringBuilder line = new StringBuilder(name()).append(' ');
    PublicKeyEntry.appendPublicKeyEntry(line, key).append('\n');
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    // one write with O_APPEND: concurrent appends do not interleave
    Files.write(
        file,
        line.toString().getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
  }

  /** The host as known_hosts names it. */
  String name() {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  private String changedMessage(PublicKey key) {
    return "host key of "
        + name()
        + " has CHANGED: it offered "
        + KeyUtils.getKeyType(key)
        + " "
        + KeyUtils.getFingerPrint(key)
        + ", which differs from the key in "
        + file
        + "; this may be an attack or a reinstalled host. Check the fingerprint with the host's"
        + " administrator, then remove the old line (ssh-keygen -R '"
        + name()
        + "' -f "
        + file
        + ") and connect again; sfc never replaces a changed key by itself";
  }

  private String unknownMessage(PublicKey key) {
    return "host key of "
        + name()
        + " is unknown: it offered "
        + KeyUtils.getKeyType(key)
        + " "
        + KeyUtils.getFingerPrint(key)
        + ", and "
        + file
        + " has no key of that type for it; add it (ssh-keyscan -p "
        + port
        + " "
        + host
        + " >> "
        + file
        + ", after checking the fingerprint) or set host_key_policy: accept-new";
  }
}
