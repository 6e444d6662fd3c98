package io.sfc.lb;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real Apache httpd started in the foreground on its own config, and its error_log. */
final class HttpdProcess implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/apache2");

  private final Process process;
  private final Path errorLog;
  private long logOffset;

  HttpdProcess(Path serverRoot, Path conf, Path errorLog, List<Integer> ports) throws IOException {
    this.errorLog = errorLog;
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "-d",
                serverRoot.toString(),
                "-f",
                conf.toString(),
                "-DFOREGROUND")
            .redirectErrorStream(true)
            .redirectOutput(serverRoot.resolve("stdout.txt").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> allListening(ports, serverRoot));
  }

  private boolean allListening(List<Integer> ports, Path serverRoot) throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "httpd exited: "
              + Files.readString(serverRoot.resolve("stdout.txt"))
              + (Files.exists(errorLog) ? Files.readString(errorLog) : ""));
    }
    // the parent logs AH00489 ("resuming normal operations") and then AH00094 (its command line,
    // a notice written at every LogLevel) once started; wait for it so that no startup line
    // lands in the stretch of log attributed to the first request
    if (!Files.exists(errorLog) || !Files.readString(errorLog).contains("AH00094")) {
      return false;
    }
    for (int port : ports) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** The error_log text written since the last call. */
  String newLogText() throws IOException {
    if (!Files.exists(errorLog)) {
      return "";
    }
    try (RandomAccessFile f = new RandomAccessFile(errorLog.toFile(), "r")) {
      long len = f.length();
      byte[] b = new byte[(int) (len - logOffset)];
      f.seek(logOffset);
      f.readFully(b);
      logOffset = len;
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
