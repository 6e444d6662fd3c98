package io.sfc.cli;

import io.sfc.alert.Failures;
import io.sfc.alert.sinks.AlertSinks;
import io.sfc.config.SfcConfig;
import io.sfc.core.model.Alert;
import io.sfc.core.model.AlertKind;
import io.sfc.core.port.AlertSink;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sfc send-test-alert}: sends one test alert through every configured sink. */
@Command(
    name = "send-test-alert",
    mixinStandardHelpOptions = true,
    description = {
      "Sends a test alert through every configured alert sink (email, webhook, command hooks)"
          + " and reports each sink's success or failure.",
      "Exits 1 if any sink failed or none is configured."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  sfc send-test-alert", "  sfc send-test-alert --config /etc/sfc/sfc.yaml"})
final class SendTestAlertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    SfcConfig config = options.load(spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    List<AlertSink> sinks = AlertSinks.of(config.alerts());
    if (sinks.isEmpty()) {
      spec.commandLine().getErr().println("no alert sinks configured; add an alerts: section");
      return ExitCodes.FAILURE;
    }
    String node = config.node() == null ? "-" : config.node();
    Alert test =
        new Alert(
            AlertKind.TEST,
            config.cluster(),
            node,
            "-",
            0,
            "test alert sent by sfc send-test-alert",
            Instant.now());
    int failed = 0;
    for (AlertSink sink : sinks) {
      String error = send(sink, test);
      out.println(sink.name() + ": " + (error == null ? "ok" : "FAILED: " + error));
      failed += error == null ? 0 : 1;
    }
    out.println((sinks.size() - failed) + " of " + sinks.size() + " sink(s) ok");
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private static String send(AlertSink sink, Alert alert) {
    try {
      sink.send(alert);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return Failures.describe(e);
    }
  }
}
