package io.sfc.doctor;

import java.util.List;

/** Renders findings as one table: status, check, subject, detail, and a fix line under problems. */
public final class DoctorTable {
  private DoctorTable() {}

  /** The table, one line per finding plus a fix line under each WARN and FAIL. */
  public static String render(List<Finding> findings) {
    int check = width(findings, true);
    int subject = Math.min(50, width(findings, false));
    StringBuilder out = new StringBuilder();
    String format = "%-4s  %-" + check + "s  %-" + subject + "s  %s%n";
    out.append(String.format(format, "", "CHECK", "SUBJECT", "RESULT"));
    for (Finding f : findings) {
      out.append(String.format(format, f.status(), f.check(), f.subject(), f.detail()));
      if (f.fix() != null) {
        out.append(String.format("%-4s  %-" + check + "s  %s%n", "", "", "fix: " + f.fix()));
      }
    }
    out.append(summary(findings));
    return out.toString();
  }

  /** True when any finding failed. */
  public static boolean anyFailed(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.status() == Finding.Status.FAIL);
  }

  private static String summary(List<Finding> findings) {
    return String.format(
        "%d passed, %d warnings, %d failed%n",
        count(findings, Finding.Status.PASS),
        count(findings, Finding.Status.WARN),
        count(findings, Finding.Status.FAIL));
  }

  private static long count(List<Finding> findings, Finding.Status s) {
    return findings.stream().filter(f -> f.status() == s).count();
  }

  private static int width(List<Finding> findings, boolean check) {
    int w = check ? "CHECK".length() : "SUBJECT".length();
    for (Finding f : findings) {
      w = Math.max(w, (check ? f.check() : f.subject()).length());
    }
    return w;
  }
}
