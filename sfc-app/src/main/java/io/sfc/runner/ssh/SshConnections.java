package io.sfc.runner.ssh;

import io.sfc.core.port.MonotonicClock;
import io.sfc.runner.shell.ShellResult;
import io.sfc.time.SystemTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * SSH sessions to the nodes: one MINA {@link SshClient} for the controller and one authenticated
 * session per node, reused by every command and channel, re-established when lost. Keep-alive
 * requests go out every {@code keepalive} on each session; a session whose peer misses three of
 * them is closed (its channels with it), and the next use connects again. MINA reads the keep-alive
 * settings when it creates a session, before any per-session setting could apply, so they are the
 * client's: the shortest {@code keepalive} of all nodes.
 *
 * <p>Only public-key authentication with the configured key is used (no agent, no {@code
 * ~/.ssh/config}, no default identities), and host keys are checked by {@link KnownHostsVerifier}.
 * Connecting, key exchange and authentication together are bounded by {@code connect_timeout}.
 * Connecting happens outside any lock; two threads connecting to the same node at once keep the
 * first session and close the other.
 */
public final class SshConnections implements AutoCloseable {

  private static final AttributeKey<KnownHostsVerifier> VERIFIER = new AttributeKey<>();

  private final SshClient client;
  private final Function<String, String> env;
  private final MonotonicClock clock;
  private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();

  /** Default keep-alive interval when no node's settings are given. */
  public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(5);

  /**
   * @param env looks up environment variables (the key passphrase)
   * @param keepalive interval of keep-alive requests on every session
   * @param clock bounds connecting and authenticating together by the connect timeout
   */
  public SshConnections(Function<String, String> env, Duration keepalive, MonotonicClock clock) {
    this.env = env;
    this.clock = clock;
    this.client = SshClient.setUpDefaultClient();
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, keepalive);
    CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, keepalive);
    CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
    // small feeds and short commands: no Nagle delay on each round trip
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.setServerKeyVerifier(
        (session, remote, key) ->
            session
                .getConnectionContext()
                .getAttribute(VERIFIER)
                .verifyServerKey(session, remote, key));
    client.start();
  }

  /** Connections reading passphrases from the process environment, default keep-alive. */
  public static SshConnections withSystemEnv() {
    return new SshConnections(System::getenv, DEFAULT_KEEPALIVE, SystemTime.MONOTONIC);
  }

  /** Connections for these nodes' settings: the shortest keep-alive of them all. */
  public static SshConnections withSystemEnv(Collection<SshSettings> nodes) {
    Duration k =
        nodes.stream()
            .map(SshSettings::keepalive)
            .min(Duration::compareTo)
            .orElse(DEFAULT_KEEPALIVE);
    return new SshConnections(System::getenv, k, SystemTime.MONOTONIC);
  }

  /** The open session to {@code target}, connecting when there is none or it was lost. */
  public ClientSession session(SshTarget target) throws IOException {
    ClientSession s = sessions.get(target.node());
    if (s != null && s.isOpen() && s.isAuthenticated()) {
      return s;
    }
    ClientSession fresh = connect(target);
    ClientSession kept = sessions.merge(target.node(), fresh, SshConnections::keepOpen);
    if (kept != fresh) {
      fresh.close(true);
    }
    return kept;
  }

  private static ClientSession keepOpen(ClientSession old, ClientSession fresh) {
    return old.isOpen() && old.isAuthenticated() && old != fresh ? old : fresh;
  }

  /** Connects, checks the host key and authenticates; closes the session on any failure. */
  public ClientSession connect(SshTarget target) throws IOException {
    var cfg = target.settings();
    KeyPair key = loadKey(target);
    long deadline = clock.nanoTime() + cfg.connectTimeout().toNanos();
    var verifier =
        new KnownHostsVerifier(target.host(), cfg.port(), cfg.knownHosts(), cfg.hostKeyPolicy());
    ClientSession session = null;
    try {
      ConnectFuture f =
          client.connect(
              cfg.user(),
              target.host(),
              cfg.port(),
              AttributeRepository.ofKeyValuePair(VERIFIER, verifier));
      session = f.verify(cfg.connectTimeout()).getSession();
      session.addPublicKeyIdentity(key);
      session.auth().verify(remaining(deadline));
      return session;
    } catch (IOException | RuntimeException e) {
      throw failure(target, session, verifier.refusal(), e);
    }
  }

  private Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - clock.nanoTime()));
  }

  private static IOException failure(
      SshTarget t, ClientSession session, String refusal, Exception e) {
    if (session != null) {
      session.close(true);
    }
    String why = refusal != null ? refusal : describe(e, t);
    SshException.Stage stage =
        refusal != null
            ? SshException.Stage.HOST_KEY
            : why.startsWith("authentication failed")
                ? SshException.Stage.AUTH
                : SshException.Stage.CONNECT;
    return new SshException(stage, "cannot connect to " + t.describe() + ": " + why, e);
  }

  private static String describe(Exception e, SshTarget t) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("No more authentication methods") || msg.contains("authentication")) {
      return "authentication failed: the server refused key "
          + t.settings().keyFile()
          + " for user "
          + t.settings().user()
          + " ("
          + msg
          + ")";
    }
    if (msg.toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
      return "no answer within connect_timeout " + t.settings().connectTimeout() + " (" + msg + ")";
    }
    return msg;
  }

  private KeyPair loadKey(SshTarget t) throws IOException {
    var cfg = t.settings();
    String pass = cfg.passphraseEnv() == null ? null : env.apply(cfg.passphraseEnv());
    if (cfg.passphraseEnv() != null && pass == null) {
      throw new SshException(
          SshException.Stage.KEY_FILE,
          "cannot connect to "
              + t.describe()
              + ": environment variable "
              + cfg.passphraseEnv()
              + " (passphrase_env) is not set");
    }
    try (InputStream in = Files.newInputStream(cfg.keyFile())) {
      FilePasswordProvider pp =
          pass == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(pass);
      Iterable<KeyPair> keys =
          SecurityUtils.loadKeyPairIdentities(
              null, NamedResource.ofName(cfg.keyFile().toString()), in, pp);
      if (keys == null || !keys.iterator().hasNext()) {
        throw new GeneralSecurityException("no key in the file");
      }
      return keys.iterator().next();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new SshException(
          SshException.Stage.KEY_FILE,
          "cannot connect to "
              + t.describe()
              + ": cannot read key_file "
              + cfg.keyFile()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Runs a short command and waits for it, at most {@code command_timeout}.
   *
   * @param stdin bytes to feed to the command's standard input, or null for none
   */
  public ShellResult exec(SshTarget target, String command, byte[] stdin) throws IOException {
    Duration timeout = target.settings().commandTimeout();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ChannelExec ch = session(target).createExecChannel(command)) {
      ch.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
      ch.setOut(out);
      ch.setErr(err);
      ch.open().verify(timeout);
      Set<ClientChannelEvent> ev =
          ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout.toMillis());
      if (ev.contains(ClientChannelEvent.TIMEOUT) || ch.getExitStatus() == null) {
        throw new SshException(
            SshException.Stage.COMMAND,
            "command on "
                + target.describe()
                + " gave no exit status within command_timeout "
                + timeout);
      }
      return new ShellResult(ch.getExitStatus(), text(out), text(err));
    }
  }

  /** Opens an exec channel for a long-running command; the caller sets its streams first. */
  public ChannelExec channel(SshTarget target, String command) throws IOException {
    return session(target).createExecChannel(command);
  }

  private static String text(ByteArrayOutputStream b) {
    return b.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    sessions.values().forEach(s -> s.close(true));
    sessions.clear();
    try {
      client.stop();
    } catch (RuntimeException e) {
      // nothing left to do at shutdown
    }
  }
}
