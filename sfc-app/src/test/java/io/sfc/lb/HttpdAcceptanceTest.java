package io.sfc.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sfc.lb.TestPki.Issued;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
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
 * The acceptance test of issue 9: a real Apache httpd 2.4 balancer in front of JDK HTTPS backends
 * with good and broken certificates, under several proxy TLS configurations. For every case and
 * configuration, {@code lb-check}'s prediction (parser + chain fetch + evaluator, the production
 * path) must match what httpd did: the status, and the AH codes written at LogLevel info and at the
 * default level (warn), each level observed from its own httpd run.
 */
class HttpdAcceptanceTest {
  private static final String PRESERVED_HOST = "hue.example.test";
  private static final Pattern LOG_LINE = Pattern.compile(" (AH\\d{5}): ");
  private static final Pattern VERIFY_ERROR = Pattern.compile("Verification: Error \\((\\d+)\\)");

  /** One backend: its certificate situation and how it is addressed. */
  private record Case(String name, String host, boolean preserveHost, TlsBackend backend) {}

  @TempDir static Path dir;
  private static final List<Case> CASES = new ArrayList<>();
  private static Path rootPem;
  private static Path interPem;

  @BeforeAll
  static void backends() throws Exception {
    assumeTrue(Files.isExecutable(HttpdProcess.BINARY), "Apache httpd (apache2) is not installed");
    Issued root = TestPki.ca("Test Root", null);
    Issued inter = TestPki.ca("Test Intermediate", root);
    Issued other = TestPki.ca("Unknown Root", null);
    rootPem = TestPki.writePem(dir.resolve("root.pem"), root.cert());
    interPem = TestPki.writePem(dir.resolve("intermediate.pem"), inter.cert());
    List<String> lh = List.of("localhost");
    add("good", "localhost", false, TestPki.leaf("CN=localhost", root, lh, List.of()));
    add(
        "wrong-cn-no-san",
        "localhost",
        false,
        TestPki.leaf("CN=wrong.example.test", root, List.of(), List.of()));
    add(
        "cn-right-no-san",
        "localhost",
        false,
        TestPki.leaf("CN=localhost", root, List.of(), List.of()));
    add(
        "san-mismatch",
        "localhost",
        false,
        TestPki.leaf("CN=other.example.test", root, List.of("other.example.test"), List.of()));
    add(
        "san-mismatch-cn-right",
        "localhost",
        false,
        TestPki.leaf("CN=localhost", root, List.of("other.example.test"), List.of()));
    add(
        "self-signed",
        "localhost",
        false,
        TestPki.issue("CN=localhost", null, false, lh, List.of(), TestPki.validNow()));
    add(
        "expired",
        "localhost",
        false,
        TestPki.leaf("CN=localhost", root, lh, List.of(), TestPki.expired()));
    add(
        "not-yet-valid",
        "localhost",
        false,
        TestPki.leaf("CN=localhost", root, lh, List.of(), TestPki.notYetValid()));
    add("unknown-ca", "localhost", false, TestPki.leaf("CN=localhost", other, lh, List.of()));
    Issued viaInter = TestPki.leaf("CN=localhost", inter, lh, List.of());
    add("leaf-plus-intermediate", "localhost", false, viaInter, inter.cert());
    add(
        "intermediate-missing",
        "localhost",
        false,
        TestPki.leaf("CN=localhost", inter, lh, List.of()));
    add(
        "member-by-ip",
        "127.0.0.1",
        false,
        TestPki.leaf("CN=localhost", root, lh, List.of("127.0.0.1")));
    add(
        "preserve-host",
        "localhost",
        true,
        TestPki.leaf("CN=" + PRESERVED_HOST, root, List.of(PRESERVED_HOST), List.of()));
    add(
        "preserve-host-member-cert",
        "localhost",
        true,
        TestPki.leaf("CN=localhost", root, lh, List.of()));
    add(
        "preserve-host-wildcard",
        "localhost",
        true,
        TestPki.leaf("CN=wildcard", root, List.of("*.example.test"), List.of()));
  }

  private static void add(
      String name, String host, boolean preserve, Issued leaf, X509Certificate... more)
      throws Exception {
    X509Certificate[] chain = new X509Certificate[more.length + 1];
    chain[0] = leaf.cert();
    System.arraycopy(more, 0, chain, 1, more.length);
    CASES.add(
        new Case(
            name, host, preserve, new TlsBackend("ok " + name, leaf.keys().getPrivate(), chain)));
  }

  @AfterAll
  static void stop() {
    CASES.forEach(c -> c.backend().close());
  }

  /** The proxy TLS directives of each configuration under test. */
  private static Map<String, String> configurations() {
    String verify = "SSLProxyVerify require\n    SSLProxyCACertificateFile " + rootPem + "\n";
    Map<String, String> m = new LinkedHashMap<>();
    m.put("defaults", "");
    m.put("verify+CA", verify);
    m.put(
        "verify+CA+workaround",
        verify + "    SSLProxyCheckPeerCN off\n    SSLProxyCheckPeerName off\n");
    m.put("verify+CA+depth2", verify + "    SSLProxyVerifyDepth 2\n");
    m.put(
        "verify+intermediate-only-CA",
        "SSLProxyVerify require\n    SSLProxyCACertificateFile " + interPem + "\n");
    m.put(
        "verify+CA+depth2-in-Proxy",
        HttpdConf.IN_PROXY_SECTION + verify + "    SSLProxyVerifyDepth 2\n");
    m.put("cn-off-only", "SSLProxyCheckPeerCN off\n");
    m.put("name-off+cn-on", "SSLProxyCheckPeerName off\n    SSLProxyCheckPeerCN on\n");
    return m;
  }

  @Test
  void predictionsMatchWhatHttpdDoes() throws Exception {
    List<String> matrix = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    long start = System.nanoTime();
    for (Map.Entry<String, String> conf : configurations().entrySet()) {
      Map<String, MemberReport> predicted = new LinkedHashMap<>();
      Map<String, Observed> info = run(conf.getKey(), "info", conf.getValue(), predicted);
      Map<String, Observed> warn = run(conf.getKey(), "warn", conf.getValue(), predicted);
      for (Case c : CASES) {
        MemberReport p = predicted.get(c.name());
        String row = row(conf.getKey(), c, p, info.get(c.name()), warn.get(c.name()));
        matrix.add(row);
        if (!agrees(p, info.get(c.name()), "info") || !agrees(p, warn.get(c.name()), "warn")) {
          mismatches.add(row + "\n" + info.get(c.name()).log() + warn.get(c.name()).log());
        }
      }
    }
    System.out.printf(
        "httpd acceptance matrix, %d configurations x %d cases x 2 LogLevels (%d ms):%n",
        configurations().size(), CASES.size(), (System.nanoTime() - start) / 1_000_000);
    matrix.forEach(System.out::println);
    printJavaClientView();
    assertThat(mismatches).isEmpty();
  }

  /** For comparison only: how a Java client (JDK PKIX + RFC 2818, trusting the root) judges. */
  private static void printJavaClientView() throws Exception {
    List<X509Certificate> anchors = CaCertificates.read(rootPem);
    System.out.println("java client view (CA = root; not compared with httpd):");
    for (Case c : CASES) {
      String name = c.preserveHost() ? PRESERVED_HOST : c.host();
      JavaClientCheck.Result r =
          JavaClientCheck.check("127.0.0.1", c.backend().port(), name, anchors);
      System.out.printf("  %-27s %s%n", c.name(), r.pass() ? "PASS" : "FAIL " + r.cause());
    }
  }

  /** Runs one httpd with the configuration; records each case's status and log codes. */
  private Map<String, Observed> run(
      String name, String logLevel, String directives, Map<String, MemberReport> predicted)
      throws Exception {
    Path root = Files.createDirectories(dir.resolve(name + "-" + logLevel));
    int plain = FreePorts.next();
    int preserving = FreePorts.next();
    List<HttpdConf.Route> routes =
        CASES.stream()
            .map(c -> new HttpdConf.Route(c.name(), c.host(), c.backend().port(), c.preserveHost()))
            .toList();
    Path conf = HttpdConf.write(root, plain, preserving, logLevel, directives, routes);
    List<LbMember> members = HttpdConfigParser.parse(conf, root);
    assertThat(members).hasSize(CASES.size());
    LbChecker checker = new LbChecker(ChainFetcher::handshake, Clock.systemUTC());
    Map<String, Observed> seen = new LinkedHashMap<>();
    try (HttpdProcess httpd =
        new HttpdProcess(root, conf, root.resolve("error_log"), List.of(plain, preserving))) {
      httpd.newLogText();
      for (Case c : CASES) {
        LbMember member =
            members.stream()
                .filter(m -> m.route().startsWith("/" + c.name() + "/"))
                .findFirst()
                .orElseThrow();
        predicted.putIfAbsent(c.name(), checker.check(member, PRESERVED_HOST));
        int status =
            get(
                c.preserveHost() ? preserving : plain,
                "/" + c.name() + "/",
                c.preserveHost() ? PRESERVED_HOST : "localhost");
        seen.put(c.name(), Observed.parse(status, httpd.newLogText()));
      }
    }
    return seen;
  }

  private static boolean agrees(MemberReport predicted, Observed seen, String logLevel) {
    if (predicted.error() != null) {
      return false;
    }
    Verdict v = predicted.verdict();
    int status = v.status();
    Set<String> errors = new LinkedHashSet<>();
    v.log().stream()
        .filter(e -> e.visibleAt(logLevel))
        .forEach(e -> errors.addAll(verifyErrors(e.text())));
    return seen.status() == status
        && seen.codes().equals(new LinkedHashSet<>(v.codesAt(logLevel)))
        && seen.verifyErrors().equals(errors);
  }

  /** The OpenSSL error numbers in "Certificate Verification: Error (n)" lines. */
  private static Set<String> verifyErrors(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = VERIFY_ERROR.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String row(String conf, Case c, MemberReport p, Observed info, Observed warn) {
    Verdict v = p.verdict();
    String predicted =
        v == null
            ? "ERROR " + p.error()
            : (v.pass() ? "PASS" : "FAIL")
                + " workaround="
                + (v.pass() ? "-" : v.workaroundHelps() ? "helps" : "no")
                + " info="
                + v.codesAt("info")
                + " warn="
                + v.codesAt("warn");
    return String.format(
        "%-27s %-25s predicted %s%n%45s httpd %d info=%s | %d warn=%s  openssl errors %s",
        conf,
        c.name(),
        predicted,
        "",
        info.status(),
        info.codes(),
        warn.status(),
        warn.codes(),
        info.verifyErrors());
  }

  /** A status and the AH codes of the error_log stretch written for that request. */
  private record Observed(int status, Set<String> codes, Set<String> verifyErrors, String log) {
    static Observed parse(int status, String log) {
      Set<String> codes = new LinkedHashSet<>();
      for (String line : log.split("\n")) {
        Matcher m = LOG_LINE.matcher(line);
        if (m.find()) {
          codes.add(m.group(1));
        }
      }
      return new Observed(status, codes, HttpdAcceptanceTest.verifyErrors(log), log);
    }
  }

  /** One request through httpd with the given Host header; returns the status. */
  static int get(int port, String path, String host) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String statusLine =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }
}
