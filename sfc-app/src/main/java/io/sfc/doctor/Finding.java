package io.sfc.doctor;

/**
 * One line of the doctor's table.
 *
 * @param status the outcome
 * @param check which check (e.g. {@code metastore clock})
 * @param subject what was checked (a node, a URL, a file)
 * @param detail what was found, in plain words; never a password
 * @param fix what to do about it; null on PASS
 */
public record Finding(Status status, String check, String subject, String detail, String fix) {

  /** The outcome of one check. */
  public enum Status {
    PASS,
    WARN,
    FAIL
  }

  static Finding pass(String check, String subject, String detail) {
    return new Finding(Status.PASS, check, subject, detail, null);
  }

  static Finding warn(String check, String subject, String detail, String fix) {
    return new Finding(Status.WARN, check, subject, detail, fix);
  }

  static Finding fail(String check, String subject, String detail, String fix) {
    return new Finding(Status.FAIL, check, subject, detail, fix);
  }
}
