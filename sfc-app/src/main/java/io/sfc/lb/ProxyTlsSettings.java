package io.sfc.lb;

import java.util.Optional;

/**
 * The mod_ssl proxy-side directives in effect for one balancer member, as written (unset values
 * stay {@link Flag#UNSET}); {@link #depth()} and {@link #verify()} apply httpd 2.4's defaults.
 *
 * @param sslProxyEngine {@code SSLProxyEngine}; httpd refuses https:// backends without it
 * @param verifyMode {@code SSLProxyVerify}, empty when absent (httpd: none)
 * @param verifyDepth {@code SSLProxyVerifyDepth}, empty when absent (httpd: 1)
 * @param caFile {@code SSLProxyCACertificateFile}, may be null
 * @param caPath {@code SSLProxyCACertificatePath}, may be null
 * @param checkPeerCn {@code SSLProxyCheckPeerCN}
 * @param checkPeerName {@code SSLProxyCheckPeerName}
 * @param checkPeerExpire {@code SSLProxyCheckPeerExpire}
 * @param preserveHost {@code ProxyPreserveHost}
 * @param machineCertFile {@code SSLProxyMachineCertificateFile} (certificates and keys), may be
 *     null
 * @param machineCertPath {@code SSLProxyMachineCertificatePath}, may be null
 * @param machineChainFile {@code SSLProxyMachineCertificateChainFile}, may be null
 * @param protocol {@code SSLProxyProtocol} as written, null when absent (httpd: all -SSLv3)
 */
public record ProxyTlsSettings(
    boolean sslProxyEngine,
    Optional<VerifyMode> verifyMode,
    Optional<Integer> verifyDepth,
    String caFile,
    String caPath,
    Flag checkPeerCn,
    Flag checkPeerName,
    Flag checkPeerExpire,
    boolean preserveHost,
    String machineCertFile,
    String machineCertPath,
    String machineChainFile,
    String protocol) {

  /** Settings without client certificates and with the default protocols. */
  public ProxyTlsSettings(
      boolean sslProxyEngine,
      Optional<VerifyMode> verifyMode,
      Optional<Integer> verifyDepth,
      String caFile,
      String caPath,
      Flag checkPeerCn,
      Flag checkPeerName,
      Flag checkPeerExpire,
      boolean preserveHost) {
    this(
        sslProxyEngine,
        verifyMode,
        verifyDepth,
        caFile,
        caPath,
        checkPeerCn,
        checkPeerName,
        checkPeerExpire,
        preserveHost,
        null,
        null,
        null,
        null);
  }

  /** Whether a client (machine) certificate is configured. */
  public boolean hasMachineCert() {
    return machineCertFile != null || machineCertPath != null;
  }

  /** A directive that is on, off, or absent (httpd's UNSET, which is not the same as on). */
  public enum Flag {
    UNSET,
    ON,
    OFF
  }

  /** {@code SSLProxyVerify} levels. */
  public enum VerifyMode {
    NONE,
    OPTIONAL,
    REQUIRE,
    OPTIONAL_NO_CA
  }

  /** httpd 2.4 with no SSLProxy directive but {@code SSLProxyEngine on}. */
  public static ProxyTlsSettings defaults() {
    return new ProxyTlsSettings(
        true,
        Optional.empty(),
        Optional.empty(),
        null,
        null,
        Flag.UNSET,
        Flag.UNSET,
        Flag.UNSET,
        false);
  }

  /** The effective verify mode (absent means none). */
  public VerifyMode verify() {
    return verifyMode.orElse(VerifyMode.NONE);
  }

  /** The effective verify depth (absent means 1). */
  public int depth() {
    return verifyDepth.orElse(1);
  }

  /** A copy with the usual "workaround": CN and name checks off. */
  public ProxyTlsSettings withNameChecksOff() {
    return new ProxyTlsSettings(
        sslProxyEngine,
        verifyMode,
        verifyDepth,
        caFile,
        caPath,
        Flag.OFF,
        Flag.OFF,
        checkPeerExpire,
        preserveHost,
        machineCertFile,
        machineCertPath,
        machineChainFile,
        protocol);
  }

  /** A copy with another verify mode. */
  public ProxyTlsSettings withVerify(VerifyMode mode) {
    return new ProxyTlsSettings(
        sslProxyEngine,
        Optional.of(mode),
        verifyDepth,
        caFile,
        caPath,
        checkPeerCn,
        checkPeerName,
        checkPeerExpire,
        preserveHost,
        machineCertFile,
        machineCertPath,
        machineChainFile,
        protocol);
  }

  /** A copy with another depth. */
  public ProxyTlsSettings withDepth(int depth) {
    return new ProxyTlsSettings(
        sslProxyEngine,
        verifyMode,
        Optional.of(depth),
        caFile,
        caPath,
        checkPeerCn,
        checkPeerName,
        checkPeerExpire,
        preserveHost,
        machineCertFile,
        machineCertPath,
        machineChainFile,
        protocol);
  }

  /** A copy with another protocol line ({@code SSLProxyProtocol}). */
  public ProxyTlsSettings withProtocol(String p) {
    return new ProxyTlsSettings(
        sslProxyEngine,
        verifyMode,
        verifyDepth,
        caFile,
        caPath,
        checkPeerCn,
        checkPeerName,
        checkPeerExpire,
        preserveHost,
        machineCertFile,
        machineCertPath,
        machineChainFile,
        p);
  }

  /** A copy with another machine certificate file. */
  public ProxyTlsSettings withMachineCertFile(String file) {
    return new ProxyTlsSettings(
        sslProxyEngine,
        verifyMode,
        verifyDepth,
        caFile,
        caPath,
        checkPeerCn,
        checkPeerName,
        checkPeerExpire,
        preserveHost,
        file,
        machineCertPath,
        machineChainFile,
        protocol);
  }
}
