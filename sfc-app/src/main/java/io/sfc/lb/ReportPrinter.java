package io.sfc.lb;

import java.io.PrintWriter;

/** Prints member reports for operators. */
public final class ReportPrinter {
  private ReportPrinter() {}

  /** One block per member. */
  public static void print(MemberReport r, PrintWriter out) {
    LbMember m = r.member();
    String status = !m.https() && r.error() == null ? "SKIP" : r.pass() ? "PASS" : "FAIL";
    out.printf(
        "%s  %s  %s  %s%s%n",
        status,
        m.scope(),
        m.route(),
        m.url(),
        r.checkedName() == null ? "" : "  (name checked: " + r.checkedName() + ")");
    if (!m.https()) {
      out.println("      plain http: no backend TLS");
    }
    m.context().forEach(c -> out.println("      setting: " + c));
    m.assumptions().forEach(a -> out.println("      assumes: " + a));
    if (r.error() != null) {
      out.println("      " + r.error());
    }
    if (r.verdict() != null && !r.verdict().pass()) {
      verdict(r.verdict(), out);
    }
  }

  /** The details of a failed verdict. */
  public static void verdict(Verdict v, PrintWriter out) {
    v.causes().forEach(c -> out.println("      cause: " + c));
    out.println("      clients get: HTTP " + v.status() + " (as observed with httpd 2.4.71)");
    out.println("      error_log at the default LogLevel (warn): " + v.codesAt("warn"));
    out.println("      error_log at LogLevel info: " + v.codesAt("info"));
    out.println(
        "      SSLProxyCheckPeerCN off + SSLProxyCheckPeerName off: "
            + (v.workaroundHelps()
                ? "would make it pass (but hides the problem)"
                : "would NOT help"));
    v.effects().forEach(e -> out.println("      effect: " + e));
    v.fixes().forEach(f -> out.println("      fix: " + f));
  }
}
