package io.sfc.api.config;

import io.sfc.reader.Problems;
import io.sfc.reader.SecretKeys;
import io.sfc.reader.Section;
import io.sfc.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the top-level {@code api:} section. */
public final class ApiBinder {

  static final List<String> KEYS = List.of("enabled", "bind", "port", "token", "tls", "limits");
  static final List<String> LIMIT_KEYS =
      List.of(
          "header_timeout",
          "body_timeout",
          "idle_timeout",
          "max_header_bytes",
          "max_body_bytes",
          "max_connections",
          "max_connections_per_client",
          "threads");
  static final List<String> TLS_KEYS =
      List.of("keystore", "password", "type", "client_ca", "client_auth");
  private static final List<String> TYPES = List.of("PKCS12", "JKS");

  private ApiBinder() {}

  /**
   * The API configuration; {@link ApiConfig#DEFAULTS} (plus node ports) when absent, null after
   * problems.
   */
  public static ApiConfig bind(Section root, Map<String, Integer> nodePorts, Path baseDir) {
    Section s = root.section("api", KEYS);
    if (s == null) {
      return ApiConfig.DEFAULTS.withNodePorts(nodePorts);
    }
    Problems.Mark m = s.problems().mark();
    boolean enabled = s.bool("enabled", true);
    String bind = address(s);
    int port = s.port("port", ApiConfig.DEFAULT_PORT);
    String token = token(s);
    ApiConfig.Tls tls = tls(s.section("tls", TLS_KEYS), baseDir);
    ApiConfig.Limits limits = limits(s.section("limits", LIMIT_KEYS));
    return m.clean() ? new ApiConfig(enabled, bind, port, nodePorts, token, tls, limits) : null;
  }

  /** {@code api.limits}: {@link ApiConfig.Limits#DEFAULTS} for what is absent or bad. */
  private static ApiConfig.Limits limits(Section s) {
    ApiConfig.Limits d = ApiConfig.Limits.DEFAULTS;
    if (s == null) {
      return d;
    }
    String size = "give a size in bytes, e.g. 8192";
    String count = "give a count, e.g. 100";
    return new ApiConfig.Limits(
        s.duration("header_timeout", d.headerTimeout()),
        s.duration("body_timeout", d.bodyTimeout()),
        s.duration("idle_timeout", d.idleTimeout()),
        s.integer("max_header_bytes", d.maxHeaderBytes(), 1024, size),
        s.integer("max_body_bytes", d.maxBodyBytes(), 256, size),
        s.integer("max_connections", d.maxConnections(), 2, count),
        s.integer("max_connections_per_client", d.maxConnectionsPerClient(), 1, count),
        s.integer("threads", d.threads(), 8, "give a thread count, e.g. 16"));
  }

  /** {@code nodes[i].api_port}, or 0 when absent or invalid (then reported). */
  public static int nodePort(Section node) {
    return node.port("api_port", 0);
  }

  private static String address(Section s) {
    String t = s.string("bind");
    if (t == null) {
      return ApiConfig.DEFAULT_BIND;
    }
    String v = t.trim();
    if (!IpLiteral.valid(v)) {
      s.report(
          "bind",
          "'"
              + t
              + "' is not an IP address; give the address to listen on, e.g. bind: 127.0.0.1"
              + " (loopback only) or bind: 0.0.0.0 (every interface)");
    }
    return v;
  }

  private static String token(Section s) {
    String t = SecretKeys.string(s, "token");
    if (t == null || t.isEmpty()) {
      return null;
    }
    if (t.length() < 16) {
      s.report(
          "token",
          "is too short ("
              + t.length()
              + " characters); use at least 16 random characters, e.g. the output of"
              + " 'openssl rand -hex 24', and pass it as token: ${SFC_API_TOKEN}");
      return null;
    }
    return t;
  }

  private static ApiConfig.Tls tls(Section s, Path baseDir) {
    if (s == null) {
      return null;
    }
    Problems.Mark m = s.problems().mark();
    String file = s.requiredString("keystore", "give the keystore file, e.g. keystore: sfc.p12");
    String password =
        SecretKeys.required(
            s, "password", "give the keystore password, e.g. password: ${SFC_TLS_PASS}");
    String type = type(s);
    Path keystore = file == null ? null : baseDir.resolve(file).normalize();
    if (keystore != null && !Files.isReadable(keystore)) {
      s.report("keystore", "'" + keystore + "' does not exist or is not readable; give a keystore");
    }
    Path clientCa = clientCa(s, baseDir);
    ApiConfig.ClientAuth auth = clientAuth(s, clientCa);
    return m.clean()
        ? new ApiConfig.Tls(keystore, password, type, clientCa, clientCa == null ? null : auth)
        : null;
  }

  /** {@code api.tls.client_ca}: a readable PEM file with at least one certificate, or null. */
  private static Path clientCa(Section s, Path baseDir) {
    String file = s.string("client_ca");
    if (file == null) {
      return null;
    }
    Path pem = baseDir.resolve(file.trim()).normalize();
    String problem = pemProblem(pem);
    if (problem != null) {
      s.report("client_ca", "'" + pem + "' " + problem);
      return null;
    }
    return pem;
  }

  private static String pemProblem(Path pem) {
    String fix = "; give a PEM file with the CA certificates that sign client certificates";
    if (!Files.isRegularFile(pem) || !Files.isReadable(pem)) {
      return "does not exist or is not a readable file" + fix;
    }
    try {
      return Pem.certificates(pem).isEmpty() ? "holds no certificate" + fix : null;
    } catch (IOException | GeneralSecurityException e) {
      return "is not a PEM certificate bundle (" + e.getMessage() + ")" + fix;
    }
  }

  /** {@code api.tls.client_auth}: required (the default with client_ca) or optional. */
  private static ApiConfig.ClientAuth clientAuth(Section s, Path clientCa) {
    String t = s.string("client_auth");
    if (t == null) {
      return ApiConfig.ClientAuth.REQUIRED;
    }
    if (s.get("client_ca") == null) {
      s.report(
          "client_auth",
          "is used only with client_ca; add client_ca: FILE (the PEM CA bundle of client"
              + " certificates) or remove client_auth");
      return null;
    }
    String v = t.trim().toUpperCase(Locale.ROOT);
    if (v.equals("REQUIRED") || v.equals("OPTIONAL")) {
      return ApiConfig.ClientAuth.valueOf(v);
    }
    s.report(
        "client_auth",
        "'"
            + t
            + "' is not a client_auth mode; use required (no certificate, no connection) or"
            + " optional (a client without a certificate is let in; one it sends must be valid)");
    return null;
  }

  private static String type(Section s) {
    String t = s.string("type");
    String v = t == null ? "PKCS12" : t.trim().toUpperCase(Locale.ROOT);
    if (!TYPES.contains(v)) {
      s.report("type", "'" + t + "' is not a keystore type; use PKCS12 or JKS");
    }
    return v;
  }
}
