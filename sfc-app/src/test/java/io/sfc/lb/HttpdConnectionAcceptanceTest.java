package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sfc.lb.TestPki.Issued;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's client-certificate and connection-level cases against a real httpd: a member that
 * requires a client certificate (TLS 1.3 and TLS 1.2) with no machine certificate, a good one, one
 * from a CA the member does not accept and an expired one; a closed port; an unresolvable host; a
 * member that speaks only TLS 1.3 behind {@code SSLProxyProtocol TLSv1.2}. For each, lb-check's
 * prediction (parser + handshake + evaluator, the production path) must equal httpd's status and
 * the AH codes of its error_log at LogLevel info and at warn, each from its own httpd run.
 */
class HttpdConnectionAcceptanceTest {
  private static final Pattern LOG_LINE = Pattern.compile(" (AH\\d{5}): ");

  @TempDir static Path dir;
  private static final List<TlsBackend> BACKENDS = new ArrayList<>();
  private static final Map<String, Route> ROUTES = new LinkedHashMap<>();

  @BeforeAll
  static void backends() throws Exception {
    assumeTrue(Files.isExecutable(HttpdProcess.BINARY), "Apache httpd (apache2) is not installed");
    Issued root = TestPki.ca("Conn Root", null);
    Issued clientCa = TestPki.ca("Conn Client CA", null);
    Issued otherCa = TestPki.ca("Conn Other Client CA", null);
    Issued leaf = TestPki.leaf("CN=localhost", root, List.of("localhost"), List.of());
    Path ca = TestPki.writePem(dir.resolve("root.pem"), root.cert());
    String good = machine("good.pem", TestPki.leaf("CN=lb", clientCa, List.of(), List.of()));
    String wrong = machine("wrong.pem", TestPki.leaf("CN=lb", otherCa, List.of(), List.of()));
    String old =
        machine(
            "expired.pem",
            TestPki.leaf("CN=lb", clientCa, List.of(), List.of(), TestPki.expired()));
    int mtls13 = backend(clientCa, null, leaf);
    int mtls12 = backend(clientCa, "TLSv1.2", leaf);
    int only13 = backend(null, "TLSv1.3", leaf);
    String verify = "SSLProxyVerify require\n  SSLProxyCACertificateFile " + ca + "\n";
    route("mtls-none", mtls13, verify);
    route("mtls12-none", mtls12, verify);
    route("mtls-good", mtls13, verify + "  SSLProxyMachineCertificateFile " + good);
    route("mtls12-good", mtls12, "SSLProxyMachineCertificateFile " + good);
    route("mtls-in-proxy", mtls13, "#in-proxy\n  SSLProxyMachineCertificateFile " + good);
    route("mtls-wrong-ca", mtls13, "SSLProxyMachineCertificateFile " + wrong);
    route("mtls12-wrong-ca", mtls12, "SSLProxyMachineCertificateFile " + wrong);
    route("mtls-expired", mtls13, "SSLProxyMachineCertificateFile " + old);
    ROUTES.put("closed-port", new Route("https://localhost:" + FreePorts.next() + " retry=5", ""));
    ROUTES.put("unresolvable", new Route("https://no-such-member.invalid:8443", ""));
    route("tls-mismatch", only13, "SSLProxyProtocol TLSv1.2");
  }

  /**
   * One route's member line and its directives: in its VirtualHost, or after "#in-proxy" in the
   * balancer's Proxy section.
   */
  private record Route(String member, String directives) {
    /** The same member with one more directive (a later one wins in httpd). */
    Route with(String directive) {
      return new Route(member, directives + "\n  " + directive);
    }
  }

  private static void route(String name, int port, String directives) {
    ROUTES.put(name, new Route("https://localhost:" + port, directives.strip()));
  }

  private static int backend(Issued clientCa, String protocol, Issued leaf) throws Exception {
    TlsBackend b =
        new TlsBackend(
            "ok",
            clientCa == null ? null : clientCa.cert(),
            protocol,
            leaf.keys().getPrivate(),
            leaf.cert());
    BACKENDS.add(b);
    return b.port();
  }

  private static String machine(String file, Issued cert) throws Exception {
    Path p = dir.resolve(file);
    // PKCS#8: OpenSSL 3 cannot read the "EC PRIVATE KEY" BouncyCastle's PEM writer makes of a
    // JDK key, and httpd then warns AH02206 and acts as if no client certificate were configured
    String key =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(cert.keys().getPrivate().getEncoded());
    Files.writeString(
        p,
        TestPki.pem(cert.cert())
            + "-----BEGIN PRIVATE KEY-----\n"
            + key
            + "\n-----END PRIVATE KEY-----\n");
    return p.toString();
  }

  @AfterAll
  static void stop() {
    BACKENDS.forEach(TlsBackend::close);
  }

  @Test
  void predictionsMatchHttpdAtInfoAndWarn() throws Exception {
    List<String> rows = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    for (String level : List.of("info", "warn")) {
      Path root = Files.createDirectories(dir.resolve(level));
      int port = FreePorts.next();
      Path conf = HttpdConf.write(root, port, FreePorts.next(), level, "", List.of());
      Files.writeString(root.resolve("conf.d/balancers.conf"), site(port));
      List<LbMember> members = HttpdConfigParser.parse(conf, root);
      assertThat(members).hasSize(ROUTES.size());
      LbChecker checker = new LbChecker(ChainFetcher::handshake, Clock.systemUTC());
      try (HttpdProcess httpd =
          new HttpdProcess(root, conf, root.resolve("error_log"), List.of(port))) {
        httpd.newLogText();
        for (LbMember m : members) {
          String path = m.route().split(" ")[0];
          MemberReport p = checker.check(m, null);
          int status = HttpdAcceptanceTest.get(port, path, path.replace("/", "") + ".test");
          String log = httpd.newLogText();
          Set<String> seen = normalized(codes(log), p.verdict());
          String row = row(level, path, p, status, seen);
          rows.add(row);
          if (p.verdict() == null
              || p.verdict().status() != status
              || !seen.equals(new LinkedHashSet<>(p.verdict().codesAt(level)))) {
            mismatches.add(row + "\n" + p + "\n" + log);
          }
        }
      }
    }
    rows.forEach(System.out::println);
    assertThat(mismatches).isEmpty();
  }

  /**
   * The printed fix for a protocol mismatch and for a missing client certificate, applied to the
   * configuration, makes httpd answer 200.
   */
  @Test
  void printedFixesMakeHttpdAnswer200() throws Exception {
    Path root = Files.createDirectories(dir.resolve("fixed"));
    int port = FreePorts.next();
    Path conf = HttpdConf.write(root, port, FreePorts.next(), "warn", "", List.of());
    Files.writeString(root.resolve("conf.d/balancers.conf"), site(port));
    LbChecker checker = new LbChecker(ChainFetcher::handshake, Clock.systemUTC());
    Map<String, String> fixes = new LinkedHashMap<>();
    for (LbMember m : HttpdConfigParser.parse(conf, root)) {
      String route = m.route().split(" ")[0].replace("/", "");
      if (route.equals("tls-mismatch") || route.equals("mtls-none")) {
        fixes.put(route, checker.check(m, null).verdict().fixes().get(0));
      }
    }
    System.out.println("printed fixes: " + fixes);
    assertThat(fixes.get("tls-mismatch")).isEqualTo("SSLProxyProtocol TLSv1.2 +TLSv1.3");
    assertThat(fixes.get("mtls-none"))
        .startsWith("configure SSLProxyMachineCertificateFile")
        .endsWith("issued by CN=Conn Client CA");
    Map<String, Route> fixed = new LinkedHashMap<>(ROUTES);
    fixed.put("tls-mismatch", ROUTES.get("tls-mismatch").with(fixes.get("tls-mismatch")));
    // the fix names the CA; the file holding the certificate that CA issued is good.pem
    fixed.put(
        "mtls-none",
        ROUTES.get("mtls-none").with("SSLProxyMachineCertificateFile " + dir.resolve("good.pem")));
    Files.writeString(root.resolve("conf.d/balancers.conf"), site(port, fixed));
    try (HttpdProcess httpd =
        new HttpdProcess(root, conf, root.resolve("error_log"), List.of(port))) {
      assertThat(HttpdAcceptanceTest.get(port, "/tls-mismatch/", "tls-mismatch.test"))
          .isEqualTo(200);
      assertThat(HttpdAcceptanceTest.get(port, "/mtls-none/", "mtls-none.test")).isEqualTo(200);
    }
  }

  private static String row(String level, String path, MemberReport p, int status, Set<String> s) {
    Verdict v = p.verdict();
    return String.format(
        "%-5s %-18s predicted %s %s | httpd %d %s%n      %s",
        level,
        path,
        v == null ? "ERROR " + p.error() : v.status(),
        v == null ? "" : v.codesAt(level),
        status,
        s,
        v == null ? "" : v.causes() + " " + v.effects());
  }

  /** The observed codes with a predicted line's alternative code replaced by the line's code. */
  private static Set<String> normalized(Set<String> seen, Verdict v) {
    Set<String> out = new LinkedHashSet<>(seen);
    if (v != null) {
      for (LogEntry e : v.log()) {
        if (e.alternative() != null && out.remove(e.alternative())) {
          out.add(e.code());
        }
      }
    }
    return out;
  }

  private static Set<String> codes(String log) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : log.split("\n")) {
      Matcher m = LOG_LINE.matcher(line);
      if (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** One name-based VirtualHost per route (ServerName route.test), with its balancer. */
  private static String site(int port) {
    return site(port, ROUTES);
  }

  private static String site(int port, Map<String, Route> routes) {
    StringBuilder v = new StringBuilder();
    routes.forEach(
        (name, r) -> {
          boolean inProxy = r.directives().startsWith("#in-proxy");
          String d = r.directives().replace("#in-proxy", "").strip();
          v.append("<VirtualHost 127.0.0.1:")
              .append(port)
              .append(">\n  ServerName ")
              .append(name)
              .append(".test\n  SSLProxyEngine on\n")
              .append(inProxy || d.isEmpty() ? "" : "  " + d + "\n")
              .append("  <Proxy balancer://")
              .append(name)
              .append(">\n    BalancerMember ")
              .append(r.member())
              .append('\n')
              .append(inProxy ? "    " + d + "\n" : "")
              .append("  </Proxy>\n  ProxyPass /")
              .append(name)
              .append("/ balancer://")
              .append(name)
              .append("/\n</VirtualHost>\n");
        });
    return v.toString();
  }
}
