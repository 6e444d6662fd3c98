package io.sfc.doctor;

import io.sfc.lb.HttpdConfigException;
import io.sfc.lb.HttpdConfigParser;
import io.sfc.lb.HttpdOptions;
import io.sfc.lb.LbChecker;
import io.sfc.lb.LbMember;
import io.sfc.lb.MemberReport;
import java.nio.file.Path;
import java.util.List;

/** Every member of an httpd balancer configuration, judged by {@link LbChecker} (lb-check). */
public final class LbMembers {
  static final String CHECK = "lb member";

  private final LbChecker checker;

  public LbMembers(LbChecker checker) {
    this.checker = checker;
  }

  /**
   * One finding per member of {@code conf}.
   *
   * @param serverRoot for relative Include paths
   * @param clientHost the Host clients send (checked with ProxyPreserveHost On), or null
   */
  public List<Finding> check(Path conf, Path serverRoot, String clientHost) {
    return check(conf, serverRoot, clientHost, root -> HttpdOptions.defaults());
  }

  /** How the httpd start-up options are obtained for a ServerRoot (may fail, e.g. --envvars). */
  @FunctionalInterface
  public interface OptionsSource {
    /** The options for a configuration under {@code serverRoot}. */
    HttpdOptions get(Path serverRoot) throws HttpdConfigException;
  }

  /** Findings and the member reports behind them (for doctor's JSON). */
  public record Checked(List<Finding> findings, List<MemberReport> reports) {}

  /** As {@link #check(Path, Path, String)}, with httpd's start-up options. */
  public List<Finding> check(Path conf, Path serverRoot, String clientHost, OptionsSource options) {
    return run(conf, serverRoot, clientHost, options).findings();
  }

  /** The findings and the member reports. */
  public Checked run(Path conf, Path serverRoot, String clientHost, OptionsSource options) {
    List<LbMember> members;
    try {
      members = HttpdConfigParser.read(conf, serverRoot, options.get(serverRoot)).members();
    } catch (HttpdConfigException e) {
      return new Checked(
          List.of(
              Finding.fail(
                  CHECK,
                  conf.toString(),
                  "cannot read the httpd configuration: " + e.getMessage(),
                  "pass the file httpd actually loads (apachectl -V shows SERVER_CONFIG_FILE)")),
          List.of());
    }
    if (members.isEmpty()) {
      return new Checked(
          List.of(
              Finding.warn(
                  CHECK,
                  conf.toString(),
                  "no ProxyPass or BalancerMember found",
                  "pass the configuration that contains the balancer")),
          List.of());
    }
    List<MemberReport> reports = members.stream().map(m -> checker.check(m, clientHost)).toList();
    return new Checked(reports.stream().map(LbMembers::finding).toList(), reports);
  }

  private static Finding finding(MemberReport r) {
    LbMember m = r.member();
    String subject = m.url() + (m.route().isEmpty() ? "" : " route " + m.route());
    if (r.error() != null) {
      return Finding.fail(CHECK, subject, r.error(), "see sfc lb-check --httpd-conf for details");
    }
    if (r.verdict() == null) {
      return Finding.pass(CHECK, subject, "plain http: no backend TLS to check");
    }
    if (r.verdict().pass()) {
      return Finding.pass(CHECK, subject, "httpd accepts the certificate for " + r.checkedName());
    }
    String workaround =
        r.verdict().workaroundHelps()
            ? " (SSLProxyCheckPeerCN/Name off would hide it)"
            : " (SSLProxyCheckPeerCN/Name off would not help)";
    return Finding.fail(
        CHECK,
        subject,
        String.join("; ", r.verdict().causes()) + workaround,
        String.join("; ", r.verdict().fixes()));
  }
}
