package io.sfc.bench;

/**
 * One run of a scenario. Times in milliseconds from the fault; -1 where not applicable.
 *
 * @param recoveryMs fault to the service running again (first ledger line of the new instance), or
 *     to the cluster settled again when the service was never interrupted
 * @param begunMs fault to the controller's "restarting service" log line (service crash only)
 * @param oldEndedMs fault to the old instance's last ledger line (holder frozen or cut off)
 * @param overlapMs longest time two instances ran at once (0: none; tolerance 0 ms)
 * @param restarts instances started during the run
 * @param alerts alerts the controllers sent during the run
 */
public record RunResult(
    String backend,
    String scenario,
    int run,
    long recoveryMs,
    long begunMs,
    long oldEndedMs,
    long overlapMs,
    int restarts,
    int alerts,
    String note) {

  static final String HEADER =
      "backend\tscenario\trun\trecovery_ms\tbegun_ms\told_ended_ms\toverlap_ms\trestarts\talerts\tnote";

  String tsv() {
    return String.join(
        "\t",
        backend,
        scenario,
        Integer.toString(run),
        Long.toString(recoveryMs),
        Long.toString(begunMs),
        Long.toString(oldEndedMs),
        Long.toString(overlapMs),
        Integer.toString(restarts),
        Integer.toString(alerts),
        note.isEmpty() ? "-" : note);
  }

  static RunResult parse(String line) {
    String[] f = line.split("\t", -1);
    return new RunResult(
        f[0],
        f[1],
        Integer.parseInt(f[2]),
        Long.parseLong(f[3]),
        Long.parseLong(f[4]),
        Long.parseLong(f[5]),
        Long.parseLong(f[6]),
        Integer.parseInt(f[7]),
        Integer.parseInt(f[8]),
        f[9].equals("-") ? "" : f[9]);
  }
}
