package io.sfc.runner.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a controller reaches one node over SSH: the node's {@code ssh:} block merged over the
 * top-level {@code ssh:} defaults.
 *
 * @param user login name
 * @param port TCP port of the node's sshd
 * @param keyFile private key (OpenSSH or PEM format)
 * @param passphraseEnv environment variable holding the key's passphrase, or null for none
 * @param knownHosts the known_hosts file host keys are checked against
 * @param hostKeyPolicy what to do with a host whose key is not in {@code knownHosts}
 * @param connectTimeout bound on connecting, key exchange and authentication
 * @param commandTimeout bound on one short remote command (stop, status, upload, fence)
 * @param keepalive interval of SSH keep-alive requests on an idle session
 * @param shimPath where the watchdog shim is on the node, or null to upload it to {@code
 *     ~/.cache/sfc/sfc-shim-<hash>} when missing
 */
public record SshSettings(
    String user,
    int port,
    Path keyFile,
    String passphraseEnv,
    Path knownHosts,
    HostKeyPolicy hostKeyPolicy,
    Duration connectTimeout,
    Duration commandTimeout,
    Duration keepalive,
    String shimPath) {

  /** Handling of host keys that are not in known_hosts yet. */
  public enum HostKeyPolicy {
    /** Unknown and changed keys are refused. */
    STRICT,
    /** Unknown keys are added to known_hosts; changed keys are refused. */
    ACCEPT_NEW
  }

  public SshSettings {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(knownHosts, "knownHosts");
    Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    Objects.requireNonNull(keepalive, "keepalive");
  }
}
