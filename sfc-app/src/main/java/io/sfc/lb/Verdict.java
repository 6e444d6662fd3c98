package io.sfc.lb;

import java.util.List;

/**
 * The judgement on one member.
 *
 * @param pass whether the proxied request will get through the backend TLS handshake
 * @param causes plain-words reasons, empty on pass
 * @param log the error_log lines expected (all levels; filter with {@link LogEntry#visibleAt})
 * @param workaroundHelps whether {@code SSLProxyCheckPeerCN off} + {@code SSLProxyCheckPeerName
 *     off} alone would make it pass
 * @param fixes the proper fixes
 */
public record Verdict(
    boolean pass,
    List<String> causes,
    List<LogEntry> log,
    boolean workaroundHelps,
    List<String> fixes) {

  /** The AH codes visible at the given LogLevel, in order, without duplicates. */
  public List<String> codesAt(String logLevel) {
    return log.stream().filter(e -> e.visibleAt(logLevel)).map(LogEntry::code).distinct().toList();
  }
}
