package io.sfc.cli;

import io.sfc.config.SfcConfig;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sfc clear-metadata}: deletes the cluster's history from the metastore, like the original
 * controller's verb of that name.
 */
@Command(
    name = "clear-metadata",
    mixinStandardHelpOptions = true,
    description = {
      "Deletes this cluster's events, member reports and directives (pauses, switchover"
          + " requests) from the metastore, and forgets the last holder of every free lease.",
      "Epochs keep increasing. A held lease is never touched.",
      "Refuses while any service's lease is held (stop the controllers first) unless --force;",
      "asks for confirmation unless --yes."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc clear-metadata",
      "  sfc clear-metadata --config /etc/sfc/sfc.yaml --yes",
      "  sfc clear-metadata --force --yes   # while the cluster runs: history only"
    })
final class ClearMetadataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(
      names = "--force",
      description = "Clear even while leases are held (held leases themselves stay).")
  boolean force;

  /** Where the confirmation is read from. */
  private final InputStream in;

  /** A command that reads its confirmation from {@code in}. */
  ClearMetadataCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() throws Exception {
    return options.withAdmin((config, ms, admin) -> clear(config, ms));
  }

  private int clear(SfcConfig config, Metastore ms) throws MetastoreException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<LeaseRecord> held = held(config, ms);
    if (!held.isEmpty() && !force) {
      refuse(held);
      return ExitCodes.FAILURE;
    }
    if (!yes && !confirmed(out, config, ms)) {
      out.println("aborted; nothing was deleted");
      out.flush();
      return ExitCodes.FAILURE;
    }
    Metastore.Cleared c = ms.clear();
    out.printf(
        "cleared cluster %s in %s: %d event(s), %d member report(s), %d directive(s),"
            + " %d free lease(s)%n",
        config.cluster(), ms.describe(), c.events(), c.members(), c.directives(), c.leases());
    out.flush();
    return ExitCodes.OK;
  }

  private static List<LeaseRecord> held(SfcConfig config, Metastore ms) throws MetastoreException {
    List<LeaseRecord> held = new ArrayList<>();
    for (ServiceSpec s : config.services()) {
      LeaseRecord l = ms.leases().read(s.name());
      if (!l.isFree()) {
        held.add(l);
      }
    }
    return held;
  }

  private void refuse(List<LeaseRecord> held) {
    PrintWriter err = spec.commandLine().getErr();
    for (LeaseRecord l : held) {
      err.println("refusing: " + StatusTable.leaseLine(l));
    }
    err.println(
        "stop the controllers first (their leases are released on a clean stop), or pass --force"
            + " to clear the history anyway; held leases are never cleared");
    err.flush();
  }

  private boolean confirmed(PrintWriter out, SfcConfig config, Metastore ms) throws IOException {
    out.printf(
        "This deletes the events, member reports and directives of cluster %s in %s,"
            + " and forgets the last holder of its free leases.%nType 'yes' to continue: ",
        config.cluster(), ms.describe());
    out.flush();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String answer = r.readLine();
    return answer != null && answer.trim().equalsIgnoreCase("yes");
  }
}
