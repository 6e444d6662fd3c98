package io.sfc.runner.fence;

import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.ServiceSpec;
import io.sfc.runner.shell.Shell;
import io.sfc.runner.shell.ShellQuote;
import io.sfc.runner.shell.ShellResult;
import java.io.IOException;

/**
 * Fences a node with the configured {@code fence_command}, run on this machine by {@code sh -c}
 * with {@code ${node}}, {@code ${host}}, {@code ${service}} and {@code ${epoch}} replaced by
 * shell-quoted values, so a value cannot inject commands. Exit status 0 means fenced.
 */
public final class CommandFencer implements Fencer {

  private final NodeSpec node;
  private final String template;
  private final Shell local;

  public CommandFencer(NodeSpec node, String template, Shell local) {
    this.node = node;
    this.template = template;
    this.local = local;
  }

  @Override
  public String node() {
    return node.id();
  }

  /** The command for one fence, every substituted value quoted. */
  String command(String service, long epoch) {
    return template
        .replace("${node}", ShellQuote.quote(node.id()))
        .replace("${host}", ShellQuote.quote(node.host()))
        .replace("${service}", ShellQuote.quote(service))
        .replace("${epoch}", ShellQuote.quote(Long.toString(epoch)));
  }

  @Override
  public String fence(ServiceSpec spec, long epoch) throws IOException {
    ShellResult r = local.run(command(spec.name(), epoch), null);
    if (!r.ok()) {
      throw new IOException("fence_command exited with " + r.status() + ": " + r.lastLine());
    }
    return "fence_command succeeded" + (r.stdout().isBlank() ? "" : ": " + r.lastLine());
  }
}
