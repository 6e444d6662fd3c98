package io.sfc.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sfc version}: the version of sfc and of the Java runtime. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Prints the version of sfc and of the Java runtime it runs on.",
    footerHeading = "%nExamples:%n",
    footer = {"  sfc version"})
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (String line : new VersionProvider().getVersion()) {
      out.println(line);
    }
    out.println(
        "java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ", "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
            + ")");
    out.flush();
    return ExitCodes.OK;
  }
}
