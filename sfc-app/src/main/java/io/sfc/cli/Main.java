package io.sfc.cli;

import io.sfc.admin.AdminException;
import io.sfc.config.ConfigException;
import io.sfc.core.port.MetastoreException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sfc} command line; the only place that calls {@link System#exit}. */
@Command(
    name = "sfc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Keeps exactly one instance of a singleton service running across a cluster.",
    subcommands = {
      StartCommand.class,
      StatusCommand.class,
      SwitchoverCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      HistoryCommand.class,
      CurrentHostCommand.class,
      MetadataCommand.class,
      ClearMetadataCommand.class,
      CheckConfigCommand.class,
      VersionCommand.class,
      DemoCommand.class,
      InitCommand.class,
      SendTestAlertCommand.class,
      LbCheckCommand.class,
      LbConfigCommand.class,
      DoctorCommand.class,
      TestConnectionCommand.class,
      IsSchedulerRunningCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sfc check-config --config /etc/sfc/sfc.yaml",
      "  sfc start --config /etc/sfc/sfc.yaml",
      "  sfc status",
      "  sfc current-host -v",
      "  sfc help metadata",
      "",
      "Without --config, ./sfc.yaml and then /etc/sfc/sfc.yaml are used.",
      "",
      "Exit codes:",
      "  0  success",
      "  1  runtime failure",
      "  2  bad command line",
      "  3  invalid or unreadable configuration",
      "  4  metastore unreachable",
      "  5  a check found failures (lb-check, doctor, test-connection,",
      "     is-scheduler-running)",
      "  6  request refused (switchover, pause, resume): the message says why",
      "  7  switchover not completed in time (or ended on another node)"
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code -v} (DEBUG) or {@code -vv} (TRACE), before or after the command name. */
  @CommandLine.Option(
      names = "-v",
      scope = CommandLine.ScopeType.INHERIT,
      description = "More log output: -v for DEBUG, -vv for TRACE.")
  void verbose(boolean[] flags) {
    Verbosity.apply(flags.length);
  }

  public static void main(String[] args) {
    CommandLine cl = commandLine();
    int code = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    System.exit(code);
  }

  /** The configured command line, for tests that capture its output. */
  public static CommandLine commandLine() {
    return commandLine(System.in, ConfigOptions.DEFAULT_FILES);
  }

  /**
   * The command line reading confirmations from {@code in} and looking for {@code defaultFiles}
   * when no configuration is given.
   */
  static CommandLine commandLine(InputStream in, List<Path> defaultFiles) {
    CommandLine.IFactory factory = new CliFactory(in, defaultFiles);
    CommandLine cl = new CommandLine(new Main(), factory);
    hiddenAlias(cl, "test_connection", TestConnectionCommand.class, factory);
    hiddenAlias(cl, "is_scheduler_running", IsSchedulerRunningCommand.class, factory);
    return cl.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(Main::failed);
  }

  /**
   * The original controller's spelling of a verb: it works, but is not listed in the help (picocli
   * would widen the command column for every command to fit the alias).
   */
  private static void hiddenAlias(
      CommandLine root, String name, Class<?> command, CommandLine.IFactory factory) {
    CommandLine alias = new CommandLine(command, factory);
    alias.getCommandSpec().usageMessage().hidden(true);
    root.addSubcommand(name, alias);
  }

  /** Turns the failures every command shares into their message and exit code. */
  private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed)
      throws Exception {
    if (e instanceof ConfigException) {
      cl.getErr().println(io.sfc.secret.Secrets.mask(e.getMessage()));
      return ExitCodes.CONFIG;
    }
    if (e instanceof AdminException) {
      cl.getErr().println("refused: " + io.sfc.secret.Secrets.mask(e.getMessage()));
      return ExitCodes.REFUSED;
    }
    if (e instanceof MetastoreException m) {
      cl.getErr().println(io.sfc.secret.Secrets.mask(MetastoreProblem.describe(m)));
      return ExitCodes.METASTORE;
    }
    throw e;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
