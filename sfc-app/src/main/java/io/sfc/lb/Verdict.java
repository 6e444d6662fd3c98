package io.sfc.lb;

import java.util.List;

/**
 * The judgement on one member.
 *
 * @param pass whether the proxied request will get through to the member
 * @param causes plain-words reasons, empty on pass
 * @param log the error_log lines expected (all levels; filter with {@link LogEntry#visibleAt})
 * @param workaroundHelps whether {@code SSLProxyCheckPeerCN off} + {@code SSLProxyCheckPeerName
 *     off} alone would make it pass
 * @param fixes the proper fixes
 * @param status the HTTP status clients get from httpd (200 on pass)
 * @param effects what other settings change about the failure (ProxyPass retry, disablereuse...)
 */
public record Verdict(
    boolean pass,
    List<String> causes,
    List<LogEntry> log,
    boolean workaroundHelps,
    List<String> fixes,
    int status,
    List<String> effects) {

  /** Copies the lists. */
  public Verdict {
    causes = List.copyOf(causes);
    log = List.copyOf(log);
    fixes = List.copyOf(fixes);
    effects = List.copyOf(effects);
  }

  /** A verdict of a failed backend TLS handshake (or a pass), with httpd's status for it. */
  public Verdict(
      boolean pass,
      List<String> causes,
      List<LogEntry> log,
      boolean workaroundHelps,
      List<String> fixes) {
    this(
        pass,
        causes,
        log,
        workaroundHelps,
        fixes,
        pass ? 200 : HttpdTlsEvaluator.FAILURE_STATUS,
        List.of());
  }

  /** The AH codes visible at the given LogLevel, in order, without duplicates. */
  public List<String> codesAt(String logLevel) {
    return log.stream().filter(e -> e.visibleAt(logLevel)).map(LogEntry::code).distinct().toList();
  }

  /** A copy with other fixes. */
  public Verdict withFixes(List<String> f) {
    return new Verdict(pass, causes, log, workaroundHelps, f, status, effects);
  }
}
