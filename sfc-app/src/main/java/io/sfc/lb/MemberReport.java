package io.sfc.lb;

/**
 * The outcome for one member: a verdict, or why none could be reached.
 *
 * @param member the member
 * @param checkedName the name httpd checks (null when unknown)
 * @param verdict the verdict, null when {@code error} is set
 * @param error why the member could not be judged (connection refused, unreadable CA...)
 */
public record MemberReport(LbMember member, String checkedName, Verdict verdict, String error) {

  /** Whether the member passes. */
  public boolean pass() {
    return error == null && (verdict == null || verdict.pass());
  }
}
