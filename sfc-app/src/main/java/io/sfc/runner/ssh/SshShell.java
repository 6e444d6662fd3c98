package io.sfc.runner.ssh;

import io.sfc.runner.shell.Shell;
import io.sfc.runner.shell.ShellResult;
import java.io.IOException;

/** Runs commands on a node over its SSH session, within the node's {@code command_timeout}. */
public final class SshShell implements Shell {

  private final SshConnections ssh;
  private final SshTarget target;

  public SshShell(SshConnections ssh, SshTarget target) {
    this.ssh = ssh;
    this.target = target;
  }

  @Override
  public ShellResult run(String command, byte[] stdin) throws IOException {
    return ssh.exec(target, command, stdin);
  }

  @Override
  public String describe() {
    return target.describe();
  }
}
